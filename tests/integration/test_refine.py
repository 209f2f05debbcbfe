"""The refine loop end to end: real git repositories (with a local bare remote), the real Pylint and
Bandit, the real binary, and a scripted LLM service that answers the repair prompts."""

import base64
import glob
import json
import os
import shutil
import subprocess
import tempfile
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from support import codegate
from support.fake_llm import FakeLlm, Reply
from support.gitrepo import GitRepo

# Only the repair prompt's instructions contain this; intent-check requests get the server's
# default answer ("consistent").
REPAIR = "You repair one Python file"

VULNERABLE = '''"""Helpers that run shell commands."""
import subprocess


def run(command):
    """Run a shell command and return its exit status."""
    return subprocess.call(command, shell=True)
'''

FIXED = '''"""Helpers that run shell commands."""
import shlex
import subprocess


def run(command):
    """Run a shell command and return its exit status."""
    return subprocess.call(shlex.split(command))
'''

# Removes B602 but brings B605 (os.system): not strictly better.
WORSE = '''"""Helpers that run shell commands."""
import os


def run(command):
    """Run a shell command and return its exit status."""
    return os.system(command)
'''

SYNTAX_ERROR = '''"""Helpers that run shell commands."""
import subprocess


def run(command:
    """Run a shell command and return its exit status."""
    return subprocess.call(command)
'''

# A second, similar file for the knowledge base: the same rule on a similar line.
SIMILAR = '''"""Helpers that list directories."""
import subprocess


def listing(directory):
    """Return the exit status of listing a directory."""
    return subprocess.call("ls " + directory, shell=True)
'''

SIMILAR_FIXED = '''"""Helpers that list directories."""
import subprocess


def listing(directory):
    """Return the exit status of listing a directory."""
    return subprocess.call(["ls", directory])
'''

# Variables that steer --fix push; blank (unset for codegate) unless a test sets them, so the
# suite behaves the same inside a CI job.
PUSH_ENV = {name: "" for name in ("GITHUB_HEAD_REF", "GITHUB_REF", "GITHUB_REF_NAME", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME",
                                  "CI_COMMIT_BRANCH", "CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "CI_MERGE_REQUEST_PROJECT_ID",
                                  "CODEGATE_PUSH_BRANCH", "CODEGATE_PUSH_REMOTE", "CODEGATE_PUSH_TOKEN", "XDG_CACHE_HOME",
                                  "CODEGATE_TEST_ALLOW_HTTP_CREDENTIALS")}
# The local git server speaks plain http://; only this variable lets the token go there.
ALLOW_HTTP = {"CODEGATE_TEST_ALLOW_HTTP_CREDENTIALS": "1"}


def answer(code, prose="I replaced the shell call."):
    """A model answer: prose around one fenced python block."""
    return prose + "\n\n```python\n" + code + "```\n\nThe docstrings are unchanged."


class GitHttpServer:
    """Serves the bare repositories under `root` over smart HTTP with `git http-backend`, behind
    HTTP Basic authentication as GitHub does for tokens: `tokens` maps a token to "write" or
    "read"; a read-only token may fetch but not push (403)."""

    def __init__(self, root, tokens):
        self.root = root
        self.tokens = tokens
        self.users = []  # the user names that came with accepted credentials
        self.authorizations = []  # every Authorization header that arrived
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                owner._serve(self)

            def do_POST(self):
                owner._serve(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def port(self):
        return self._server.server_address[1]

    def url(self, name):
        return "http://127.0.0.1:%d/%s" % (self.port, name)

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def _reply(self, handler, status, headers=()):
        # No body: libgit2 1.5 misreads the next response when a refusal's body is left unread.
        handler.send_response(status)
        for name, value in headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", "0")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.close_connection = True

    def _body(self, handler):
        if handler.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(handler.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    handler.rfile.readline()
                    return data
                data += handler.rfile.read(size)
                handler.rfile.readline()
        return handler.rfile.read(int(handler.headers.get("Content-Length") or 0))

    def _serve(self, handler):
        body = self._body(handler) if handler.command == "POST" else b""
        user, token = "", ""
        auth = handler.headers.get("Authorization", "")
        if auth:
            self.authorizations.append(auth)
        if auth.startswith("Basic "):
            user, _, token = base64.b64decode(auth[6:]).decode().partition(":")
        if token not in self.tokens:
            return self._reply(handler, 401, [("WWW-Authenticate", 'Basic realm="git"')])
        path, _, query = handler.path.partition("?")
        if "git-receive-pack" in handler.path and self.tokens[token] != "write":
            return self._reply(handler, 403)
        self.users.append(user)
        env = dict(os.environ, GIT_PROJECT_ROOT=self.root, GIT_HTTP_EXPORT_ALL="1", PATH_INFO=path,
                   QUERY_STRING=query, REQUEST_METHOD=handler.command, REMOTE_USER=user, REMOTE_ADDR="127.0.0.1",
                   CONTENT_TYPE=handler.headers.get("Content-Type", ""), CONTENT_LENGTH=str(len(body)),
                   HTTP_CONTENT_ENCODING=handler.headers.get("Content-Encoding", ""), GIT_CONFIG_NOSYSTEM="1")
        result = subprocess.run(["git", "http-backend"], input=body, capture_output=True, env=env, check=False)
        head, _, payload = result.stdout.partition(b"\r\n\r\n")
        status, headers = 200, []
        for line in head.decode().split("\r\n"):
            name, _, value = line.partition(": ")
            if name.lower() == "status":
                status = int(value.split()[0])
            elif name:
                headers.append((name, value))
        handler.send_response(status)
        for name, value in headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)


class RefineTestCase(unittest.TestCase):
    """A repository whose feature branch adds lib/shell.py (Bandit B602), a bare `origin`, and a
    fake LLM service named in the committed .codegate.yml."""

    def setUp(self):
        self.out = tempfile.mkdtemp(prefix="codegate-refine-")
        self.knowledge = os.path.join(self.out, "knowledge.jsonl")
        self.server = FakeLlm().start()
        self.repo = GitRepo()
        self.repo.write("README.md", "project\n")
        self.repo.write("lib/__init__.py", "")
        self.repo.write(".codegate.yml", self.config())
        self.base = self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")
        self.repo.write("lib/shell.py", VULNERABLE)
        self.head = self.repo.commit("add shell helper")
        self.bare = os.path.join(self.out, "origin.git")
        subprocess.run(["git", "init", "-q", "--bare", self.bare], check=True)
        self.repo.git("remote", "add", "origin", self.bare)
        self.repo.git("push", "-q", "origin", "main", "feature")

    def tearDown(self):
        self.server.stop()
        self.repo.cleanup()
        shutil.rmtree(self.out, ignore_errors=True)

    def config(self, extra=""):
        return ("llm:\n  base_url: %s\nintent:\n  cache_dir: %s\nrefine:\n  knowledge: %s\n  patch_file: %s\n%s"
                % (self.server.openai_base_url, os.path.join(self.out, "cache"), self.knowledge,
                   os.path.join(self.out, "fix.patch"), extra))

    def check(self, *args, env=None):
        report = os.path.join(self.out, "report.json")
        result = codegate.run("check", "--repo", self.repo.path, "--base", "main", "--json", report,
                              "--log-dir", os.path.join(self.out, "logs"), *args, env=dict(PUSH_ENV, **(env or {})))
        with open(report, encoding="utf-8") as handle:
            self.report = json.load(handle)
        return result

    def repair_requests(self):
        return [r for r in self.server.requests if REPAIR in r.text]

    def bandit_finding(self, rule="B602"):
        found = [f for f in self.report["findings"] if f["tool"] == "bandit" and f["rule_id"] == rule]
        self.assertEqual(len(found), 1, self.report["findings"])
        return found[0]

    def bare_git(self, *args):
        return subprocess.run(["git", "--git-dir", self.bare, *args], capture_output=True, text=True,
                              check=True).stdout.strip()

    def round_logs(self):
        logs = {}
        for path in sorted(glob.glob(os.path.join(self.out, "logs", "refine-*.json"))):
            with open(path, encoding="utf-8") as handle:
                logs[os.path.basename(path)] = json.load(handle)
        return logs


class FixIsVerifiedCommittedAndPushed(RefineTestCase):
    def test_push_commits_the_verified_fix_onto_the_branch_and_pushes_it(self):
        self.server.push(Reply.text(answer(FIXED), match=REPAIR))
        result = self.check("--fix", "push", "--max-rounds", "2")
        self.assertEqual(result.returncode, 1, result.stderr)  # the gate judged the analysed commit

        # One repair prompt: the file, its docstrings, and the structured feedback for B602.
        prompts = self.repair_requests()
        self.assertEqual(len(prompts), 1)
        prompt = prompts[0].text
        self.assertIn("Revise the Python file lib/shell.py (round 1 of 2)", prompt)
        self.assertIn("Run a shell command and return its exit status.", prompt)
        self.assertIn("bandit B602 (subprocess_popen_with_shell_equals_true) at line 7", prompt)
        self.assertIn("return subprocess.call(command, shell=True)", prompt)

        # Committed on top of the exact analysed head, by codegate, with the trailer, and pushed.
        new_head = self.repo.git("rev-parse", "HEAD")
        self.assertNotEqual(new_head, self.head)
        self.assertEqual(self.repo.git("rev-parse", "HEAD^"), self.head)
        self.assertEqual(self.repo.git("rev-parse", "--abbrev-ref", "HEAD"), "feature")
        self.assertEqual(self.bare_git("rev-parse", "feature"), new_head)
        self.assertEqual(self.repo.git("log", "-1", "--format=%an <%ae>"),
                         "codegate <codegate@users.noreply.github.com>")
        message = self.repo.git("log", "-1", "--format=%B")
        self.assertTrue(message.startswith("codegate: fix 1 finding in lib/shell.py"), message)
        self.assertIn("- lib/shell.py:7 bandit B602 subprocess_popen_with_shell_equals_true (fixed in round 1)", message)
        self.assertTrue(message.endswith("Codegate-Refined: true"), message)
        self.assertEqual(self.repo.git("show", "HEAD:lib/shell.py") + "\n", FIXED)
        self.assertEqual(self.repo.git("diff", "--name-only", self.head, "HEAD"), "lib/shell.py")
        self.assertEqual(self.repo.read("lib/shell.py"), FIXED)
        self.assertEqual(self.repo.git("status", "--porcelain"), "")
        self.assertEqual(self.repo.git("for-each-ref", "refs/codegate"), "")

        self.assertEqual(self.bandit_finding()["fix_status"], "fixed in round 1")
        notes = "\n".join(self.report["notes"])
        self.assertIn("refine: lib/shell.py: 1 finding fixed (revision of round 1)", notes)
        self.assertIn("refine: pushed %s to origin/feature (branch from the checked-out branch)" % new_head[:7], notes)
        logs = self.round_logs()
        self.assertEqual(list(logs), ["refine-lib_shell.py-round1.json"])
        self.assertEqual(logs["refine-lib_shell.py-round1.json"]["outcome"], "accepted")

        # The accepted fix went into the knowledge base.
        with open(self.knowledge, encoding="utf-8") as handle:
            entries = [json.loads(line) for line in handle]
        self.assertEqual([e["rule"] for e in entries], ["bandit/B602"])
        self.assertIn("shell=True", entries[0]["before"])
        self.assertIn("shlex.split(command)", entries[0]["after"])

        # The pushed commit passes the gate; nothing is asked of the model again.
        self.server.reset_counts()
        again = self.check("--fix", "push", env={"CODEGATE_PUSH_BRANCH": "feature"})
        self.assertEqual(again.returncode, 0, again.stdout + again.stderr)
        self.assertEqual(self.repair_requests(), [])

    def test_push_over_http_uses_the_ci_token_and_a_read_only_token_falls_back(self):
        server = GitHttpServer(self.out, {"sk-write-token": "write", "sk-read-token": "read"})
        self.addCleanup(server.stop)
        self.repo.git("remote", "set-url", "origin", server.url("origin.git"))

        self.server.push(Reply.text(answer(FIXED), match=REPAIR, repeat=True))
        result = self.check("--fix", "push",
                            env={"GITHUB_TOKEN": "sk-read-token", "CODEGATE_PUSH_BRANCH": "feature", **ALLOW_HTTP})
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(self.bare_git("rev-parse", "feature"), self.head)
        notes = "\n".join(self.report["notes"])
        self.assertIn("refine: not pushed: origin (%s) refused the credentials from GITHUB_TOKEN (read-only token or "
                      "no access)" % server.url("origin.git"), notes)
        self.assertIn("the fixes are offered as suggestions instead", notes)
        self.assertNotIn("followRedirects", notes)  # libgit2's stale error is not the reason
        self.assertNotIn("sk-read-token", result.stdout + result.stderr + json.dumps(self.report))

        # With write access the same kind of commit goes through, as x-access-token.
        self.repo.git("reset", "-q", "--hard", self.head)
        result = self.check("--fix", "push",
                            env={"GITHUB_TOKEN": "sk-write-token", "CODEGATE_PUSH_BRANCH": "feature", **ALLOW_HTTP})
        self.assertEqual(result.returncode, 1, result.stderr)
        new_head = self.repo.git("rev-parse", "HEAD")
        self.assertEqual(self.bare_git("rev-parse", "feature"), new_head, self.report["notes"])
        self.assertEqual(self.repo.git("rev-parse", "HEAD^"), self.head)
        self.assertEqual(set(server.users), {"x-access-token"})
        self.assertNotIn("sk-write-token", result.stdout + result.stderr + json.dumps(self.report))

    def test_no_token_goes_to_an_http_remote(self):
        server = GitHttpServer(self.out, {"sk-write-token": "write"})
        self.addCleanup(server.stop)
        self.repo.git("remote", "set-url", "origin", server.url("origin.git"))
        self.server.push(Reply.text(answer(FIXED), match=REPAIR))
        result = self.check("--fix", "push", env={"GITHUB_TOKEN": "sk-write-token", "CODEGATE_PUSH_BRANCH": "feature"})
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(server.authorizations, [])
        self.assertEqual(self.bare_git("rev-parse", "feature"), self.head)
        commit = self.repo.git("rev-parse", "HEAD")
        self.assertIn("refine: not pushed: refusing to send credentials to http://127.0.0.1:%d: use an https remote "
                      "(commit %s stays in the local repository); the fixes are offered as suggestions instead"
                      % (server.port, commit[:7]), self.report["notes"])
        self.assertNotIn("followRedirects", result.stderr)

    def test_a_moved_remote_branch_stops_the_push(self):
        # Somebody pushes to the pull request's branch after the commit codegate analyses.
        other = GitRepo()
        self.addCleanup(other.cleanup)
        other.git("fetch", "-q", self.bare, "feature")
        other.git("checkout", "-q", "-b", "feature", "FETCH_HEAD")
        other.write("NOTES.md", "theirs\n")
        theirs = other.commit("their change")
        other.git("push", "-q", self.bare, "feature")

        self.server.push(Reply.text(answer(FIXED), match=REPAIR))
        result = self.check("--fix", "push", env={"CODEGATE_PUSH_BRANCH": "feature"})
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(self.bare_git("rev-parse", "feature"), theirs)
        expected = ("refine: not pushed: origin/feature points at %s, not at the analysed commit %s: the branch has "
                    "moved since the analysis; nothing was pushed (codegate never force-pushes)"
                    % (theirs[:7], self.head[:7]))
        self.assertIn(expected, "\n".join(self.report["notes"]))
        self.assertIn("the fixes are offered as suggestions instead", "\n".join(self.report["notes"]))
        self.assertIn("not pushed: origin/feature points at", result.stderr)
        self.assertEqual(self.bandit_finding()["fix_status"], "fixed in round 1")


class SuggestionsReachEveryReport(RefineTestCase):
    def test_suggest_puts_the_fix_into_sarif_fixes_and_the_json_patch(self):
        self.server.push(Reply.text(answer(FIXED), match=REPAIR))
        sarif_path = os.path.join(self.out, "report.sarif")
        result = self.check("--fix", "suggest", "--sarif", sarif_path)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(self.repo.read("lib/shell.py"), VULNERABLE)  # suggest never writes files
        fingerprint = self.bandit_finding()["fingerprint"]
        self.assertEqual(self.report["fix_mode"], "suggest")
        self.assertEqual([(f["path"], f["round"], f["fixed_fingerprints"]) for f in self.report["fixes"]],
                         [("lib/shell.py", 1, [fingerprint])])
        self.assertIn("-    return subprocess.call(command, shell=True)\n+    return subprocess.call(shlex.split(command))",
                      self.report["fixes"][0]["patch"])
        with open(sarif_path, encoding="utf-8") as handle:
            sarif = json.load(handle)
        results = [r for run in sarif["runs"] for r in run["results"] if r["ruleId"] == "B602"]
        self.assertEqual(len(results), 1)
        changes = results[0]["fixes"][0]["artifactChanges"]
        self.assertEqual(changes[0]["artifactLocation"]["uri"], "lib/shell.py")
        self.assertEqual(changes[0]["replacements"], [
            # An insertion replaces the line above it together with the new line.
            {"deletedRegion": {"startLine": 1, "endLine": 1},
             "insertedContent": {"text": '"""Helpers that run shell commands."""\nimport shlex'}},
            {"deletedRegion": {"startLine": 7, "endLine": 7},
             "insertedContent": {"text": "    return subprocess.call(shlex.split(command))"}},
        ])


class BadRevisionsAreRejected(RefineTestCase):
    def test_syntax_error_other_file_and_worse_revisions_are_dropped(self):
        other_file = ("Two files need changes.\n```python\n" + FIXED + "```\nand\n```python\n# file: lib/helpers.py\n"
                      "import shlex\n```\n")
        self.server.push(Reply.text(answer(SYNTAX_ERROR), match=REPAIR),
                         Reply.text(other_file, match=REPAIR),
                         Reply.text(answer(WORSE), match=REPAIR))
        result = self.check("--fix", "patch", "--max-rounds", "3")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(len(self.repair_requests()), 3)

        logs = self.round_logs()
        self.assertEqual(sorted(logs), ["refine-lib_shell.py-round1.json", "refine-lib_shell.py-round2.json",
                                        "refine-lib_shell.py-round3.json"])
        first, second, third = (logs["refine-lib_shell.py-round%d.json" % n] for n in (1, 2, 3))
        self.assertEqual(first["outcome"], "rejected")
        self.assertTrue(first["reason"].startswith("it does not parse: SyntaxError"), first["reason"])
        self.assertEqual(second["outcome"], "rejected")
        self.assertEqual(second["reason"],
                         "the answer has 2 Python code blocks; only the one revised file lib/shell.py may change")
        self.assertEqual(third["outcome"], "rejected")
        self.assertTrue(third["reason"].startswith("it brings 1 new failing finding: bandit B605"), third["reason"])
        self.assertEqual([f["rule_id"] for f in third["introduced"]], ["B605"])

        # Later rounds are told what the previous one tried and why it failed.
        prompts = [r.text for r in self.repair_requests()]
        self.assertIn("## Round 1", prompts[1])
        self.assertIn("rejected: it does not parse", prompts[1])
        self.assertIn("Findings that still fail the gate", prompts[2])
        self.assertIn("only the one revised file lib/shell.py may change", prompts[2])

        self.assertEqual(self.bandit_finding()["fix_status"], "open")
        self.assertFalse(os.path.exists(os.path.join(self.out, "fix.patch")))
        self.assertEqual(self.repo.read("lib/shell.py"), VULNERABLE)
        self.assertEqual(self.repo.git("rev-parse", "HEAD"), self.head)
        self.assertIn("refine: lib/shell.py: no revision was strictly better in 3 rounds; 1 finding still open",
                      "\n".join(self.report["notes"]))

    def test_codegates_own_commit_is_not_refined_again(self):
        self.repo.write("lib/shell.py", VULNERABLE + "\n\ndef again(command):\n    \"\"\"Run again.\"\"\"\n"
                        "    return subprocess.call(command, shell=True)\n")
        self.repo.commit("codegate: fix 1 finding in lib/shell.py\n\nCodegate-Refined: true")
        result = self.check("--fix", "patch")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(self.repair_requests(), [])
        self.assertIn("refine skipped: the analysed commit is codegate's own (Codegate-Refined trailer), so it is not "
                      "refined again", self.report["notes"])


class JustInTimeContextInTheLoop(RefineTestCase):
    """intent.context: unit+base: a candidate's units are judged against the same base versions as
    the original's, so a revision cannot lose an intent finding by losing the context."""

    def test_candidates_are_checked_with_the_base_version(self):
        self.repo.write(".codegate.yml", self.config().replace("intent:\n", "intent:\n  context: unit+base\n"))
        self.repo.write("lib/shell.py", VULNERABLE.replace("subprocess.call(command, shell=True)",
                                                           "subprocess.call(command.split())"))
        self.repo.commit("a shell helper without a shell")
        self.repo.git("branch", "jit-base")
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("shell=True")
        self.server.push(Reply.text(answer(FIXED), match=REPAIR))
        report = os.path.join(self.out, "jit.json")
        result = codegate.run("check", "--repo", self.repo.path, "--base", "jit-base", "--json", report,
                              "--fix", "patch", "--max-rounds", "1")
        self.assertEqual(result.returncode, 1, result.stderr)
        asked = [r.text for r in self.server.requests
                 if REPAIR not in r.text and "Check whether the function run " in r.text]
        self.assertEqual(len(asked), 2, result.stderr)  # the analysed commit's, then the candidate's
        for text in asked:
            self.assertIn('kind="base code" path="lib/shell.py">', text)
            self.assertIn("subprocess.call(command.split())", text)


class ApplyAndPatch(RefineTestCase):
    def test_apply_refuses_a_dirty_file_and_writes_a_clean_one(self):
        self.server.push(Reply.text(answer(FIXED), match=REPAIR, repeat=True))
        dirty = VULNERABLE + "# my work in progress\n"
        self.repo.write("lib/shell.py", dirty)
        result = self.check("--fix", "apply")
        self.assertEqual(result.returncode, 1, result.stderr)
        message = ("refine: lib/shell.py not changed: it has uncommitted changes; commit or stash your changes and "
                   "run again, or use --fix patch")
        self.assertIn(message, self.report["notes"])
        self.assertIn(message, result.stderr)
        self.assertEqual(self.repo.read("lib/shell.py"), dirty)

        self.repo.write("lib/shell.py", VULNERABLE)
        result = self.check("--fix", "apply")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(self.repo.read("lib/shell.py"), FIXED)
        self.assertEqual(self.repo.git("rev-parse", "HEAD"), self.head)  # apply never commits

    def test_patch_applies_and_the_knowledge_base_feeds_a_similar_fix(self):
        self.server.push(Reply.text(answer(FIXED), match=REPAIR))
        result = self.check("--fix", "patch")
        self.assertEqual(result.returncode, 1, result.stderr)
        patch = os.path.join(self.out, "fix.patch")
        self.repo.git("apply", "--check", patch)
        self.assertEqual(self.repo.read("lib/shell.py"), VULNERABLE)  # the loop worked on copies
        self.assertEqual(self.repo.git("status", "--porcelain"), "")
        self.assertIn("refine: patch for 1 file written to %s; apply it with: git apply %s" % (patch, patch),
                      self.report["notes"])
        # The first prompt had no examples: the knowledge base was empty.
        self.assertNotIn("Past fixes of the same rules", self.repair_requests()[0].text)

        # A second change with the same rule on a similar line gets the first fix as an example.
        self.repo.write("lib/listing.py", SIMILAR)
        self.repo.commit("add listing helper")
        self.server.reset_counts()
        self.server.push(Reply.text(answer(SIMILAR_FIXED, "Use an argument list."), match="Revise the Python file lib/listing.py"),
                         Reply.text(answer(FIXED), match="Revise the Python file lib/shell.py"))
        result = self.check("--fix", "patch", os.path.join(self.repo.path, "lib/listing.py"))
        self.assertEqual(result.returncode, 1, result.stderr)
        prompts = self.repair_requests()
        self.assertEqual(len(prompts), 1)
        self.assertIn("## Past fixes of the same rules", prompts[0].text)
        self.assertIn("Rule bandit/B602", prompts[0].text)
        self.assertIn("subprocess.call(shlex.split(command))", prompts[0].text)
        with open(self.knowledge, encoding="utf-8") as handle:
            entries = [json.loads(line) for line in handle]
        self.assertEqual(len(entries), 2)
        self.assertIn('["ls", directory]', entries[1]["after"])


if __name__ == "__main__":
    unittest.main()
