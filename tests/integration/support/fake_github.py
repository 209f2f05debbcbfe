"""A local HTTP server that speaks the part of GitHub's REST API codegate uses.

It keeps pull-request state (issue comments, review comments) in memory, records every request,
and checks what GitHub itself would check: the authentication header, the media type, the API
version header, the JSON bodies' required fields, review comments only on lines of the diff.
Anything wrong is collected in `problems`, which the tests assert to be empty.
"""

from .fake_rest import FakeRestApi

BOT = {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"}
ACCEPT = "application/vnd.github+json"
API_VERSION = "2022-11-28"


class FakeGitHub(FakeRestApi):
    """Start with `with FakeGitHub(...) as github:`; `github.api_url` is GITHUB_API_URL."""

    def __init__(self, repository="octo/sample", token="test-token", prefix="", read_only=False,
                 diff_lines=None, per_page_cap=100):
        super().__init__(first_id=1000)
        self.api_path = prefix            # "/api/v3" for GitHub Enterprise Server
        self.repository = repository
        self.token = token
        self.read_only = read_only        # a fork's pull_request token: reads work, writes are 403
        self.diff_lines = diff_lines      # {path: set(lines)} GitHub accepts review comments on
        self.per_page_cap = per_page_cap  # page size, to exercise pagination with few comments
        self.issue_comments = []          # dicts as GitHub returns them
        self.review_comments = []
        self.reviews = []

    # --- helpers for tests ---------------------------------------------------------------------
    def add_issue_comment(self, body, user=None):
        comment = {"id": self._new_id(), "body": body, "user": user or BOT}
        self.issue_comments.append(comment)
        return comment

    def add_review_comment(self, body, path, line, user=None, in_reply_to=None):
        comment = {"id": self._new_id(), "body": body, "path": path, "line": line, "side": "RIGHT",
                   "user": user or BOT}
        if in_reply_to is not None:
            comment["in_reply_to_id"] = in_reply_to
        self.review_comments.append(comment)
        return comment

    def writes(self):
        return [r for r in self.requests if r.method != "GET"]

    # --- the API ---------------------------------------------------------------------------------
    def _route(self, request):
        if not request.path.startswith(self.api_path + "/"):
            self.problems.append(f"{request.method} {request.path}: not under the API prefix {self.api_path!r}")
            return 404, {"message": "Not Found"}, {}
        return self._route_api(request, request.path[len(self.api_path):], f"/repos/{self.repository}")

    def _failure_payload(self, status):
        return {"message": "Server Error" if status >= 500 else "Forbidden"}

    def _check_headers(self, request):
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            self.problems.append(f"{request}: Authorization is {request.headers.get('Authorization')!r}")
        if request.headers.get("Accept") != ACCEPT:
            self.problems.append(f"{request}: Accept is {request.headers.get('Accept')!r}")
        if request.headers.get("X-GitHub-Api-Version") != API_VERSION:
            self.problems.append(f"{request}: X-GitHub-Api-Version is {request.headers.get('X-GitHub-Api-Version')!r}")

    def _forbidden(self):
        return 403, {"message": "Resource not accessible by integration",
                     "documentation_url": "https://docs.github.com/rest"}, {}

    def _page(self, request, items, path):
        per_page = min(int(request.query.get("per_page", ["30"])[0]), self.per_page_cap)
        page = int(request.query.get("page", ["1"])[0])
        chunk = items[(page - 1) * per_page: page * per_page]
        headers = {}
        if page * per_page < len(items):
            headers["Link"] = (f'<{self.api_url}{path}?per_page={per_page}&page={page + 1}>; rel="next", '
                               f'<{self.api_url}{path}?per_page={per_page}&page=99>; rel="last"')
        return 200, chunk, headers

    def _route_api(self, request, path, repo):
        m = request.method
        if path == "/user" and m == "GET":
            # The Actions token belongs to an app installation, which has no user.
            return self._forbidden()
        parts = path[len(repo):].split("/") if path.startswith(repo + "/") else []
        # parts: ["", "issues", N, "comments"] ...
        if parts[1:2] == ["issues"] and len(parts) == 4 and parts[3] == "comments":
            if m == "GET":
                return self._page(request, self.issue_comments, path)
            if m == "POST":
                if self.read_only:
                    return self._forbidden()
                comment = self.add_issue_comment(request.body["body"])
                return 201, comment, {}
        if parts[1:3] == ["issues", "comments"] and len(parts) == 4:
            comment = next((c for c in self.issue_comments if str(c["id"]) == parts[3]), None)
            if comment is None:
                return 404, {"message": "Not Found"}, {}
            if m == "PATCH":
                if self.read_only:
                    return self._forbidden()
                comment["body"] = request.body["body"]
                return 200, comment, {}
        if parts[1:2] == ["pulls"] and len(parts) == 4 and parts[3] == "comments" and m == "GET":
            return self._page(request, self.review_comments, path)
        if parts[1:2] == ["pulls"] and len(parts) == 4 and parts[3] == "reviews" and m == "POST":
            if self.read_only:
                return self._forbidden()
            return self._create_review(request.body)
        if parts[1:3] == ["pulls", "comments"] and len(parts) == 4:
            comment = next((c for c in self.review_comments if str(c["id"]) == parts[3]), None)
            if comment is None:
                return 404, {"message": "Not Found"}, {}
            if self.read_only:
                return self._forbidden()
            if m == "DELETE":
                self.review_comments.remove(comment)
                return 204, None, {}
            if m == "PATCH":
                comment["body"] = request.body["body"]
                return 200, comment, {}
        self.problems.append(f"unexpected request {m} {path}")
        return 404, {"message": "Not Found"}, {}

    def _create_review(self, body):
        for field in ("commit_id", "event", "body"):
            if not body.get(field):
                self.problems.append(f"review without {field}")
        if body.get("event") not in ("COMMENT", "APPROVE", "REQUEST_CHANGES"):
            self.problems.append(f"review event {body.get('event')!r}")
        created = []
        for comment in body.get("comments", []):
            for field in ("path", "body", "line"):
                if field not in comment:
                    self.problems.append(f"review comment without {field}: {comment}")
            if comment.get("side", "RIGHT") != "RIGHT":
                self.problems.append(f"review comment on side {comment.get('side')}")
            if "position" in comment:
                self.problems.append("review comment uses the deprecated position")
            lines = range(comment.get("start_line", comment["line"]), comment["line"] + 1)
            if self.diff_lines is not None and not all(
                    line in self.diff_lines.get(comment["path"], ()) for line in lines):
                return 422, {"message": "Unprocessable Entity",
                             "errors": ["pull_request_review_thread.line must be part of the diff"]}, {}
            created.append(comment)
        review = {"id": self._new_id(), "commit_id": body.get("commit_id"), "body": body.get("body"),
                  "state": "COMMENTED", "user": BOT}
        self.reviews.append(review)
        for comment in created:
            self.add_review_comment(comment["body"], comment["path"], comment["line"])
        return 200, review, {}
