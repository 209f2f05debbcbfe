"""A local HTTP server that speaks the part of Bitbucket Cloud's REST API (2.0) codegate uses: Code
Insights reports and annotations on a commit, and a pull request's comments.

It is also the Pipelines authenticating proxy: a request whose target is an absolute
`http://api.bitbucket.org/2.0/...` URL and that carries no credentials is what the proxy at
localhost:29418 receives. It checks what Bitbucket would (the token, JSON bodies, the Code
Insights field enums and limits, inline comments on lines of the diff), pages comment lists with
`next`, and collects anything wrong in `problems`.
"""

from .fake_rest import FakeRestApi

BOT = {"account_id": "557058:bot", "display_name": "codegate bot", "type": "user"}
OTHER = {"account_id": "557058:alice", "display_name": "Alice", "type": "user"}

REPORT_TYPES = {"SECURITY", "COVERAGE", "TEST", "BUG"}
RESULTS = {"PASSED", "FAILED", "PENDING"}
ANNOTATION_TYPES = {"VULNERABILITY", "CODE_SMELL", "BUG"}
SEVERITIES = {"CRITICAL", "HIGH", "MEDIUM", "LOW"}
ANNOTATION_RESULTS = {"PASSED", "FAILED", "SKIPPED", "IGNORED"}
DATA_TYPES = {"BOOLEAN", "DATE", "DURATION", "LINK", "NUMBER", "PERCENTAGE", "TEXT"}


class FakeBitbucket(FakeRestApi):
    """`with FakeBitbucket(...) as bitbucket:`; `bitbucket.api_url` is BITBUCKET_API_URL,
    `bitbucket.proxy_url` is the Pipelines proxy."""

    api_path = "/2.0"
    missing_field_status = 400

    def __init__(self, workspace="octo", repo="sample", pr_id=7, token="test-token", added_lines=None,
                 read_only=False, page_size=100):
        super().__init__(first_id=300)
        self.workspace, self.repo, self.pr_id = workspace, repo, pr_id
        self.token = token
        self.added_lines = added_lines  # {path: set(lines)} where inline comments may sit
        self.read_only = read_only      # a token without pullrequest:write
        self.page_size = page_size
        self.reports = {}               # commit -> report body
        self.annotations = {}           # commit -> [annotation]
        self.comments = []

    @property
    def proxy_url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def proxied(self, request):
        return request.target.startswith("http://api.bitbucket.org/2.0/")

    def _check_headers(self, request):
        if self.proxied(request):
            if "Authorization" in request.headers:
                self.problems.append(f"{request}: credentials sent to the Pipelines proxy")
        elif request.headers.get("Authorization") != f"Bearer {self.token}":
            self.problems.append(f"{request}: Authorization is {request.headers.get('Authorization')!r}")

    def _failure_payload(self, status):
        return {"type": "error", "error": {"message": f"{status} error"}}

    def _route(self, request):
        status, payload = self._route_api(request)
        return status, payload, {}

    def _route_api(self, request):
        m, path = request.method, request.path
        repo = f"/2.0/repositories/{self.workspace}/{self.repo}"
        if path == "/2.0/user" and m == "GET":
            return 200, BOT
        if path.startswith(repo + "/commit/") and "/reports/" in path:
            return self._insights(request, path[len(repo + "/commit/"):])
        comments = f"{repo}/pullrequests/{self.pr_id}/comments"
        if path == comments and m == "GET":
            return self._list_comments(request)
        if path == comments and m == "POST":
            return self._post_comment(request.body)
        if path.startswith(comments + "/"):
            comment = next((c for c in self.comments if str(c["id"]) == path.rsplit("/", 1)[1]), None)
            if comment is None or comment["deleted"]:
                return 404, {"type": "error", "error": {"message": "No such comment"}}
            if comment["user"] != BOT:
                return 403, {"type": "error", "error": {"message": "You may not change another user's comment"}}
            if m == "PUT":
                comment["content"] = {"raw": request.body["content"]["raw"]}
                return 200, comment
            if m == "DELETE":
                comment["deleted"] = True
                return 204, None
        self.problems.append(f"unexpected request {m} {path}")
        return 404, {"type": "error", "error": {"message": "Resource not found"}}

    # --- Code Insights -----------------------------------------------------------------------
    def _insights(self, request, rest):
        commit, _, tail = rest.partition("/reports/")
        report_id, _, sub = tail.partition("/")
        if report_id != "codegate":
            self.problems.append(f"report id {report_id!r}")
        m = request.method
        if sub == "" and m == "DELETE":
            if commit not in self.reports:
                return 404, {"type": "error", "error": {"message": "Report not found"}}
            del self.reports[commit]
            self.annotations.pop(commit, None)
            return 204, None
        if sub == "" and m == "PUT":
            body = request.body
            for key in ("title", "details", "report_type"):
                if not isinstance(body.get(key), str) or not body[key]:
                    self.problems.append(f"report: {key} {body.get(key)!r}")
            if body.get("report_type") not in REPORT_TYPES:
                self.problems.append(f"report_type {body.get('report_type')!r}")
            if body.get("result") not in RESULTS:
                self.problems.append(f"result {body.get('result')!r}")
            if len(body.get("details", "")) > 2000:
                self.problems.append("details longer than 2000")
            for item in body.get("data", []):
                if item.get("type") not in DATA_TYPES or not item.get("title") or "value" not in item:
                    self.problems.append(f"data item {item}")
            self.reports[commit] = body
            self.annotations.setdefault(commit, [])
            return 200, dict(body, uuid="{report-uuid}")
        if sub == "annotations" and m == "POST":
            if commit not in self.reports:
                return 404, {"type": "error", "error": {"message": "Report not found"}}
            batch = request.body
            if not isinstance(batch, list) or not 1 <= len(batch) <= 100:
                self.problems.append(f"annotation batch of {len(batch) if isinstance(batch, list) else batch!r}")
                return 400, {"type": "error", "error": {"message": "1 to 100 annotations a request"}}
            stored = self.annotations[commit]
            ids = {a["external_id"] for a in stored}
            for a in batch:
                self._check_annotation(a, ids)
                ids.add(a.get("external_id"))
            stored.extend(batch)
            if len(stored) > 1000:
                self.problems.append(f"{len(stored)} annotations on one report")
            return 200, batch
        self.problems.append(f"unexpected Code Insights request {m} {request.path}")
        return 404, {"type": "error", "error": {"message": "Resource not found"}}

    def _check_annotation(self, a, ids):
        if not a.get("external_id") or a["external_id"] in ids:
            self.problems.append(f"external_id {a.get('external_id')!r} missing or not unique")
        if a.get("annotation_type") not in ANNOTATION_TYPES:
            self.problems.append(f"annotation_type {a.get('annotation_type')!r}")
        if not a.get("summary") or len(a["summary"]) > 450:
            self.problems.append(f"summary of {len(a.get('summary', ''))} characters")
        if a.get("severity") not in SEVERITIES:
            self.problems.append(f"severity {a.get('severity')!r}")
        if "result" in a and a["result"] not in ANNOTATION_RESULTS:
            self.problems.append(f"result {a.get('result')!r}")
        if "line" in a and (not isinstance(a["line"], int) or a["line"] < 1):
            self.problems.append(f"line {a.get('line')!r}")
        if not isinstance(a.get("path"), str) or not a["path"]:
            self.problems.append(f"path {a.get('path')!r}")

    # --- pull-request comments ---------------------------------------------------------------
    def _list_comments(self, request):
        page = int(request.query.get("page", ["1"])[0])
        start = (page - 1) * self.page_size
        values = self.comments[start:start + self.page_size]
        payload = {"values": values, "pagelen": self.page_size, "page": page}
        if start + self.page_size < len(self.comments):
            payload["next"] = (f"{self.api_url}/repositories/{self.workspace}/{self.repo}/pullrequests/"
                               f"{self.pr_id}/comments?pagelen=100&page={page + 1}")
        return 200, payload

    def add_comment(self, raw, user=BOT, inline=None, parent=None):
        comment = {"id": self._new_id(), "content": {"raw": raw}, "user": user, "deleted": False}
        if inline:
            comment["inline"] = inline
        if parent:
            comment["parent"] = {"id": parent}
        self.comments.append(comment)
        return comment

    def _post_comment(self, body):
        if self.read_only:
            return 403, {"type": "error", "error": {"message": "Your credentials lack the pullrequest:write scope"}}
        raw = body["content"]["raw"]
        inline = body.get("inline")
        if inline is not None:
            if self.added_lines is not None and inline["to"] not in self.added_lines.get(inline["path"], set()):
                return 400, {"type": "error", "error": {"message": "line is not part of the diff"}}
        return 201, self.add_comment(raw, inline=inline)

    def summaries(self):
        return [c for c in self.comments if not c["deleted"] and "inline" not in c and c["user"] == BOT]

    def inline(self):
        return [c for c in self.comments if not c["deleted"] and "inline" in c]
