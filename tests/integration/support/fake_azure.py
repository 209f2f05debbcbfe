"""A local HTTP server that speaks the part of the Azure DevOps REST API (7.1) codegate uses: a pull
request's statuses and threads in Azure Repos, and connectionData (who the token is).

It keeps one pull request's threads in memory, records every request and checks what Azure DevOps
would: the bearer token, api-version, JSON bodies, status states and context, thread contexts that
name a file of the diff with a line it added. Anything wrong is collected in `problems`.
"""

from urllib.parse import quote

from .fake_rest import FakeRestApi

BUILD = {"id": "7b3e4c8a-build-service", "displayName": "Sample Build Service (octo)"}
OTHER = {"id": "1f0c2d3e-alice", "displayName": "Alice"}

THREAD_STATUSES = {"active", "fixed", "wontFix", "closed", "byDesign", "pending"}
STATES = {"succeeded", "failed", "pending", "error", "notApplicable", "notSet"}


class FakeAzure(FakeRestApi):
    """`with FakeAzure(...) as azure:`; `azure.api_url` is SYSTEM_COLLECTIONURI."""

    api_path = "/octo"
    missing_field_status = 400

    def __init__(self, project="Sample Project", repository="9d2f-repo", pr_id=7, token="test-token",
                 added_lines=None, read_only=False):
        super().__init__(first_id=40)
        self.project, self.repository, self.pr_id = project, repository, pr_id
        self.token = token
        self.added_lines = added_lines  # {path: set(lines)} where file threads may sit
        self.read_only = read_only      # the build service may not contribute to pull requests
        self.statuses, self.threads = [], []

    def _check_headers(self, request):
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            self.problems.append(f"{request}: Authorization is {request.headers.get('Authorization')!r}")
        if "/_apis/git/" in request.path and request.query.get("api-version") != ["7.1"]:
            self.problems.append(f"{request}: api-version is {request.query.get('api-version')!r}")

    def _failure_payload(self, status):
        return {"$id": "1", "message": f"{status} error", "typeKey": "Error"}

    def _route(self, request):
        status, payload = self._route_api(request)
        return status, payload, {}

    def _route_api(self, request):
        m, path = request.method, request.path
        if path == "/octo/_apis/connectionData" and m == "GET":
            return 200, {"authenticatedUser": BUILD, "instanceId": "0000"}
        pr = f"/octo/{quote(self.project)}/_apis/git/repositories/{self.repository}/pullRequests/{self.pr_id}"
        if path == pr + "/statuses" and m == "POST":
            if self.read_only:
                return 403, {"message": "TF401027: You need the Git 'PullRequestContribute' permission",
                             "typeKey": "GitNeedsPermissionException"}
            body = request.body
            if body.get("state") not in STATES:
                self.problems.append(f"status state {body.get('state')!r}")
            context = body.get("context", {})
            if not context.get("name") or not context.get("genre"):
                self.problems.append(f"status context {context}")
            status = dict(body, id=len(self.statuses) + 1)
            self.statuses.append(status)
            return 200, status
        if path == pr + "/threads" and m == "GET":
            return 200, {"value": self.threads, "count": len(self.threads)}
        if path == pr + "/threads" and m == "POST":
            return self._post_thread(request.body)
        if path.startswith(pr + "/threads/"):
            parts = path[len(pr + "/threads/"):].split("/")
            thread = next((t for t in self.threads if str(t["id"]) == parts[0]), None)
            if thread is None:
                return 404, {"message": "TF401180: The requested pull request thread was not found"}
            if len(parts) == 1 and m == "PATCH":
                if request.body.get("status") not in THREAD_STATUSES:
                    self.problems.append(f"thread status {request.body.get('status')!r}")
                thread["status"] = request.body["status"]
                return 200, thread
            if len(parts) == 3 and parts[1] == "comments" and m == "PATCH":
                comment = next((c for c in thread["comments"] if str(c["id"]) == parts[2]), None)
                if comment is None:
                    return 404, {"message": "comment not found"}
                if comment["author"] != BUILD:
                    return 403, {"message": "only the author may edit a comment"}
                comment["content"] = request.body["content"]
                return 200, comment
        self.problems.append(f"unexpected request {m} {path}")
        return 404, {"message": "not found"}

    def add_thread(self, content, author=BUILD, context=None, status="active", replies=()):
        comments = [{"id": 1, "parentCommentId": 0, "content": content, "author": author, "commentType": "text"}]
        for i, (text, who) in enumerate(replies, start=2):
            comments.append({"id": i, "parentCommentId": 1, "content": text, "author": who, "commentType": "text"})
        thread = {"id": self._new_id(), "status": status, "comments": comments, "isDeleted": False}
        if context:
            thread["threadContext"] = context
        self.threads.append(thread)
        return thread

    def _post_thread(self, body):
        if self.read_only:
            return 403, {"message": "TF401027: You need the Git 'PullRequestContribute' permission"}
        comments = body["comments"]
        if len(comments) != 1 or not comments[0]["content"] or comments[0].get("parentCommentId") != 0:
            self.problems.append(f"thread comments {comments}")
        if body.get("status") not in THREAD_STATUSES:
            self.problems.append(f"thread status {body.get('status')!r}")
        context = body.get("threadContext")
        if context is not None:
            file_path = context["filePath"]
            if not file_path.startswith("/"):
                self.problems.append(f"filePath {file_path!r} does not start with /")
            start, end = context["rightFileStart"], context["rightFileEnd"]
            if start["line"] > end["line"] or start.get("offset", 0) < 1 or end.get("offset", 0) < 1:
                self.problems.append(f"thread range {start}..{end}")
            if self.added_lines is not None and start["line"] not in self.added_lines.get(file_path[1:], set()):
                return 400, {"message": "the line is not in the pull request's diff"}
        return 200, self.add_thread(comments[0]["content"], context=context, status=body["status"])

    def summary_threads(self):
        return [t for t in self.threads if "threadContext" not in t and t["comments"][0]["author"] == BUILD]

    def file_threads(self):
        return [t for t in self.threads if "threadContext" in t]
