"""A local HTTP server that speaks the part of GitHub's REST API codegate uses.

It keeps pull-request state (issue comments, review comments) in memory, records every request,
and checks what GitHub itself would check: the authentication header, the media type, the API
version header, the JSON bodies' required fields, review comments only on lines of the diff.
Anything wrong is collected in `problems`, which the tests assert to be empty.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

BOT = {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"}
ACCEPT = "application/vnd.github+json"
API_VERSION = "2022-11-28"


class Request:
    """One request as the server saw it."""

    def __init__(self, method, path, query, headers, body):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body

    def __repr__(self):
        return f"{self.method} {self.path}"


class FakeGitHub:
    """Start with `with FakeGitHub(...) as github:`; `github.api_url` is GITHUB_API_URL."""

    def __init__(self, repository="octo/sample", token="test-token", prefix="", read_only=False,
                 diff_lines=None, per_page_cap=100):
        self.repository = repository
        self.token = token
        self.prefix = prefix              # "/api/v3" for GitHub Enterprise Server
        self.read_only = read_only        # a fork's pull_request token: reads work, writes are 403
        self.diff_lines = diff_lines      # {path: set(lines)} GitHub accepts review comments on
        self.per_page_cap = per_page_cap  # page size, to exercise pagination with few comments
        self.requests = []
        self.problems = []
        self.failures = {}                # (method, path) -> [status, ...] answered before the real one
        self.issue_comments = []          # dicts as GitHub returns them
        self.review_comments = []
        self.reviews = []
        self._next_id = 1000
        self._lock = threading.Lock()
        self._server = None
        self._thread = None

    # --- lifecycle ---------------------------------------------------------------------------
    def __enter__(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _handle(self):
                fake._dispatch(self)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    @property
    def api_url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.prefix}"

    # --- helpers for tests ---------------------------------------------------------------------
    def fail_next(self, method, path, *statuses):
        """Answer the next requests to METHOD PATH with these statuses first (5xx, 403...)."""
        self.failures.setdefault((method, self.prefix + path), []).extend(statuses)

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

    def calls(self, method=None, path_suffix=""):
        return [r for r in self.requests if (method is None or r.method == method) and r.path.endswith(path_suffix)]

    def writes(self):
        return [r for r in self.requests if r.method != "GET"]

    # --- the API ---------------------------------------------------------------------------------
    def _new_id(self):
        with self._lock:
            self._next_id += 1
            return self._next_id

    def _dispatch(self, handler):
        split = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        body = None
        if raw:
            try:
                body = json.loads(raw.decode("utf-8"))
            except ValueError:
                self.problems.append(f"{handler.command} {split.path}: body is not JSON: {raw[:80]!r}")
        request = Request(handler.command, split.path, parse_qs(split.query), dict(handler.headers.items()), body)
        with self._lock:
            self.requests.append(request)
        self._check_headers(request)

        queued = self.failures.get((request.method, request.path))
        if queued:
            status = queued.pop(0)
            return self._reply(handler, status, {"message": "Server Error" if status >= 500 else "Forbidden"})

        if not request.path.startswith(self.prefix + "/"):
            self.problems.append(f"{request.method} {request.path}: not under the API prefix {self.prefix!r}")
            return self._reply(handler, 404, {"message": "Not Found"})
        path = request.path[len(self.prefix):]
        repo = f"/repos/{self.repository}"
        try:
            status, payload, headers = self._route(request, path, repo)
        except KeyError as missing:
            self.problems.append(f"{request.method} {path}: missing field {missing}")
            status, payload, headers = 422, {"message": f"missing {missing}"}, {}
        return self._reply(handler, status, payload, headers)

    def _check_headers(self, request):
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            self.problems.append(f"{request}: Authorization is {request.headers.get('Authorization')!r}")
        if request.headers.get("Accept") != ACCEPT:
            self.problems.append(f"{request}: Accept is {request.headers.get('Accept')!r}")
        if request.headers.get("X-GitHub-Api-Version") != API_VERSION:
            self.problems.append(f"{request}: X-GitHub-Api-Version is {request.headers.get('X-GitHub-Api-Version')!r}")
        if not (request.headers.get("User-Agent") or "").startswith("codegate/"):
            self.problems.append(f"{request}: User-Agent is {request.headers.get('User-Agent')!r}")
        if request.body is not None and request.headers.get("Content-Type") != "application/json":
            self.problems.append(f"{request}: Content-Type is {request.headers.get('Content-Type')!r}")

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

    def _route(self, request, path, repo):
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

    def _reply(self, handler, status, payload, headers=None):
        data = b"" if payload is None else json.dumps(payload).encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        if data:
            handler.wfile.write(data)
