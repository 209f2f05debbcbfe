"""What the fake GitHub, GitLab, Bitbucket and Azure DevOps APIs share: a threaded HTTP server on 127.0.0.1 (port 0), every
request parsed and recorded, failures queued per endpoint, and JSON replies.

A subclass sets `api_path` (the API's path prefix), checks the headers its service would in
`_check_headers` (the User-Agent and JSON Content-Type every service gets are checked here),
answers in `_route(request)` with (status, payload, headers), and says what a
queued failure's body looks like in `_failure_payload`. Anything wrong is collected in `problems`,
which the tests assert to be empty.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Request:
    """One request as the server saw it."""

    def __init__(self, method, path, query, headers, body, target=""):
        self.method = method
        self.target = target    # the request line's target: absolute ("http://host/...") through a proxy
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body

    def __repr__(self):
        return f"{self.method} {self.path}"


class FakeRestApi:
    api_path = ""               # "/api/v4", "/api/v3", ""
    missing_field_status = 422  # what the service answers to a body without a required field

    def __init__(self, first_id=1000):
        self.requests = []
        self.problems = []
        self.failures = {}      # (method, path) -> [status, ...] answered before the real one
        self._next_id = first_id
        self._lock = threading.Lock()
        self._server = None

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
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    @property
    def api_url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.api_path}"

    # --- helpers for tests ---------------------------------------------------------------------
    def fail_next(self, method, path, *statuses):
        """Answer the next requests to METHOD PATH (under the API prefix) with these statuses first."""
        self.failures.setdefault((method, self.api_path + path), []).extend(statuses)

    def calls(self, method=None, path_suffix=""):
        return [r for r in self.requests if (method is None or r.method == method) and r.path.endswith(path_suffix)]

    def _new_id(self):
        with self._lock:
            self._next_id += 1
            return self._next_id

    # --- the server ----------------------------------------------------------------------------
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
        request = Request(handler.command, split.path, parse_qs(split.query), dict(handler.headers.items()), body,
                          handler.path)
        with self._lock:
            self.requests.append(request)
        self._check_client(request)
        self._check_headers(request)

        queued = self.failures.get((request.method, request.path))
        if queued:
            status = queued.pop(0)
            return self._reply(handler, status, self._failure_payload(status))
        try:
            status, payload, headers = self._route(request)
        except KeyError as missing:
            self.problems.append(f"{request}: missing field {missing}")
            status, payload, headers = self.missing_field_status, {"message": f"missing {missing}"}, {}
        return self._reply(handler, status, payload, headers)

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

    def _check_client(self, request):
        """What every service sees of codegate: its User-Agent, and JSON bodies labelled as such."""
        if not (request.headers.get("User-Agent") or "").startswith("codegate/"):
            self.problems.append(f"{request}: User-Agent is {request.headers.get('User-Agent')!r}")
        if request.body is not None and request.headers.get("Content-Type") != "application/json":
            self.problems.append(f"{request}: Content-Type is {request.headers.get('Content-Type')!r}")

    def _check_headers(self, request):
        """The service's own headers (its token)."""
        raise NotImplementedError

    def _route(self, request):
        raise NotImplementedError

    def _failure_payload(self, status):
        return {"message": f"{status} error"}
