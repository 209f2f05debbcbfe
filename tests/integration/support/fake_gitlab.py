"""A local HTTP server that speaks the part of GitLab's REST API (v4) codegate uses.

It keeps one merge request's notes and discussions in memory, records every request and checks
what GitLab would: the token header, JSON bodies, and discussion positions that name the merge
request's diff_refs and a line of its diff. Anything wrong is collected in `problems`.
"""

from .fake_rest import FakeRestApi

BOT = {"id": 99, "username": "project_42_bot", "name": "codegate", "bot": True}


class FakeGitLab(FakeRestApi):
    """`with FakeGitLab(...) as gitlab:`; `gitlab.api_url` is CI_API_V4_URL."""

    api_path = "/api/v4"
    missing_field_status = 400

    def __init__(self, project="42", iid=7, token="test-token", token_header="PRIVATE-TOKEN", diff_refs=None,
                 added_lines=None, read_only=False):
        super().__init__(first_id=500)
        self.project, self.iid = project, iid
        self.token, self.token_header = token, token_header
        self.diff_refs = diff_refs or {}
        self.added_lines = added_lines      # {path: set(lines)} where positioned discussions may start
        self.read_only = read_only          # CI_JOB_TOKEN: no notes
        self.notes, self.discussions = [], []

    def _check_headers(self, request):
        if request.headers.get(self.token_header) != self.token:
            self.problems.append(f"{request}: {self.token_header} is {request.headers.get(self.token_header)!r}")

    def _route(self, request):
        status, payload = self._route_api(request)
        return status, payload, {}

    def _route_api(self, request):
        m, path = request.method, request.path
        mr = f"/api/v4/projects/{self.project}/merge_requests/{self.iid}"
        if path == "/api/v4/user" and m == "GET":
            if self.token_header == "JOB-TOKEN":
                return 401, {"message": "401 Unauthorized"}
            return 200, BOT
        if path == mr and m == "GET":
            return 200, {"id": 1, "iid": self.iid, "project_id": int(self.project), "diff_refs": self.diff_refs}
        if path == mr + "/notes":
            if m == "GET":
                return 200, self.notes
            if m == "POST":
                if self.read_only:
                    return 403, {"message": "403 Forbidden"}
                note = {"id": self._new_id(), "body": request.body["body"], "author": BOT, "system": False}
                self.notes.append(note)
                return 201, note
        if path.startswith(mr + "/notes/") and m == "PUT":
            note = next((n for n in self.notes if str(n["id"]) == path.rsplit("/", 1)[1]), None)
            if note is None:
                return 404, {"message": "404 Not found"}
            note["body"] = request.body["body"]
            return 200, note
        if path == mr + "/discussions":
            if m == "GET":
                return 200, self.discussions
            if m == "POST":
                return self._start_discussion(request.body)
        if path.startswith(mr + "/discussions/") and m == "PUT":
            discussion = next((d for d in self.discussions if d["id"] == path.rsplit("/", 1)[1]), None)
            if discussion is None:
                return 404, {"message": "404 Not found"}
            if request.body.get("resolved") is not True:
                self.problems.append(f"discussion update without resolved=true: {request.body}")
            for note in discussion["notes"]:
                note["resolved"] = True
            return 200, discussion
        self.problems.append(f"unexpected request {m} {path}")
        return 404, {"message": "404 Not found"}

    def _start_discussion(self, body):
        position = body["position"]
        for field in ("base_sha", "start_sha", "head_sha"):
            if position.get(field) != self.diff_refs.get(field):
                self.problems.append(f"position {field} {position.get(field)!r} is not the merge request's")
        if position.get("position_type") != "text":
            self.problems.append(f"position_type {position.get('position_type')!r}")
        for field in ("new_path", "old_path", "new_line"):
            if field not in position:
                self.problems.append(f"position without {field}")
        if self.added_lines is not None and position.get("new_line") not in self.added_lines.get(
                position.get("new_path"), ()):
            return 400, {"message": {"line_code": ["can't be blank", "must be a valid line code"]}}
        note = {"id": self._new_id(), "type": "DiffNote", "body": body["body"], "author": BOT, "system": False,
                "resolvable": True, "resolved": False, "position": position}
        discussion = {"id": f"{self._new_id():040x}", "individual_note": False, "notes": [note]}
        self.discussions.append(discussion)
        return 201, discussion
