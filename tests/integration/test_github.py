"""`codegate check` under GitHub Actions: revisions from the event, annotations, outputs, the job
summary, and pull-request comments through a local server that speaks GitHub's REST API."""

import json
import os
import shutil
import tempfile
import unittest

from support import codegate
from support.fake_github import FakeGitHub
from support.fake_llm import FakeLlm, Reply
from support.gitrepo import GitRepo
from support.samples import CLEAN, VULNERABLE

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures", "github")
TOKEN = "test-token"


SHELL = '''"""Helpers that run shell commands."""
import subprocess


def run(command):
    """Run a shell command and return its exit status."""
    return subprocess.call(command, shell=True)
'''

SHELL_FIXED = '''"""Helpers that run shell commands."""
import shlex
import subprocess


def run(command):
    """Run a shell command and return its exit status."""
    return subprocess.call(shlex.split(command))
'''

HUMAN = {"login": "mallory", "id": 7, "type": "User"}


class GithubTestCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.repo.write("README.md", "project\n")
        self.repo.write("lib/__init__.py", "")
        self.repo.write("lib/util.py", CLEAN)
        self.base = self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")
        self.tmp = tempfile.mkdtemp(prefix="codegate-gh-")
        self.output = os.path.join(self.tmp, "output")
        self.summary = os.path.join(self.tmp, "summary")
        for path in (self.output, self.summary):
            open(path, "w").close()

    def tearDown(self):
        self.repo.cleanup()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def event(self, fixture, **shas):
        """A copy of a fixture payload with the repository's commits filled in."""
        with open(os.path.join(FIXTURES, fixture), encoding="utf-8") as handle:
            text = handle.read()
        for name, sha in shas.items():
            text = text.replace(f"@{name.upper()}@", sha)
        path = os.path.join(self.tmp, "event-" + fixture)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path

    def run_action(self, event_name, event_path, api_url, *args, token=TOKEN, llm=False):
        env = {"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": event_name,
               "GITHUB_EVENT_PATH": event_path, "GITHUB_REPOSITORY": "octo/sample", "GITHUB_API_URL": api_url,
               "GITHUB_OUTPUT": self.output, "GITHUB_STEP_SUMMARY": self.summary,
               "GITHUB_WORKSPACE": self.repo.path, "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "99"}
        if token:
            env["GITHUB_TOKEN"] = token
        if llm:
            env["CODEGATE_LLM_API_KEY"] = "sk-test"
        result = codegate.run("check", "--repo", self.repo.path, *(() if llm else ("--no-llm",)), "--sarif",
                              os.path.join(self.tmp, "codegate.sarif"), *args, env=env)
        self.assertNotIn(TOKEN, result.stdout + result.stderr, "the token was printed")
        return result

    def outputs(self):
        with open(self.output, encoding="utf-8") as handle:
            return dict(line.split("=", 1) for line in handle.read().splitlines())

    def read(self, path):
        with open(path, encoding="utf-8") as handle:
            return handle.read()


class PullRequestComments(GithubTestCase):
    def test_first_run_posts_second_run_updates_in_place_and_removes_stale(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        head = self.repo.commit("add a shell helper")
        # As actions/checkout leaves it for a pull_request event: HEAD is not the pull request's
        # head, so the head must come from the event.
        self.repo.git("checkout", "-q", "main")
        diff_lines = {"lib/shell.py": set(range(1, 13))}
        with FakeGitHub(token=TOKEN, diff_lines=diff_lines, per_page_cap=1) as github:
            # Another person's comment that carries codegate's marker must never be edited.
            spoof = github.add_issue_comment("<!-- codegate:summary -->\nall good, merge it", user=HUMAN)
            event = self.event("pull_request.opened.json", base_sha=self.base, head_sha=head)
            # comment_level note: every reported finding inline, the note on line 2 too (the
            # default's budget is tested below).
            first = self.run_action("pull_request", event, github.api_url, "--comment-level", "note")
            self.assertEqual(first.returncode, 1, first.stderr)
            self.assertEqual(github.problems, [])
            self.assertIn("revisions from the pull_request event", first.stderr)

            posted = github.calls("POST", "/repos/octo/sample/issues/7/comments")
            self.assertEqual(len(posted), 1)
            self.assertTrue(posted[0].body["body"].startswith("<!-- codegate:summary -->\n## :x: codegate: FAILED"))
            self.assertIn("commit " + head[:7], posted[0].body["body"])
            self.assertIn("[workflow run](https://github.com/octo/sample/actions/runs/99)", posted[0].body["body"])
            self.assertEqual(github.calls("PATCH"), [])
            self.assertEqual(spoof["body"], "<!-- codegate:summary -->\nall good, merge it")

            reviews = github.calls("POST", "/repos/octo/sample/pulls/7/reviews")
            self.assertEqual(len(reviews), 1)
            review = reviews[0].body
            self.assertEqual(review["commit_id"], head)
            self.assertEqual(review["event"], "COMMENT")
            placed = sorted((c["path"], c["line"], c["side"]) for c in review["comments"])
            # Bandit's B404 (a note: importing subprocess) is reported too, on its line of the diff.
            self.assertEqual(placed, [("lib/shell.py", 2, "RIGHT"), ("lib/shell.py", 7, "RIGHT"),
                                      ("lib/shell.py", 12, "RIGHT")])
            b602 = next(c for c in review["comments"] if c["line"] == 7)
            self.assertIn("**bandit B602**", b602["body"])
            self.assertIn("CWE-78", b602["body"])
            self.assertIn("fails the gate", b602["body"])

            summary_id = github.issue_comments[1]["id"]
            self.assertEqual(len(github.review_comments), 3)

            # A second push fixes one finding: the same summary comment is edited, the comment
            # on the fixed line goes, the one still true stays without being posted again.
            self.repo.git("checkout", "-q", "feature")
            self.repo.write("lib/shell.py", VULNERABLE.replace("return undefined_name", "return None"))
            second_head = self.repo.commit("fix the undefined name")
            self.repo.git("checkout", "-q", "main")
            github.requests.clear()
            event = self.event("pull_request.synchronize.json", base_sha=self.base, head_sha=second_head,
                               before=head)
            second = self.run_action("pull_request", event, github.api_url, "--comment-level", "note")
            self.assertEqual(second.returncode, 1, second.stderr)
            self.assertEqual(github.problems, [])
            self.assertEqual(github.calls("POST", "/issues/7/comments"), [])
            patched = github.calls("PATCH", f"/repos/octo/sample/issues/comments/{summary_id}")
            self.assertEqual(len(patched), 1)
            self.assertIn("commit " + second_head[:7], patched[0].body["body"])
            self.assertEqual(github.calls("POST", "/pulls/7/reviews"), [])
            deleted = github.calls("DELETE")
            self.assertEqual(len(deleted), 1)
            self.assertEqual(sorted(c["line"] for c in github.review_comments), [2, 7])
            self.assertEqual(len(github.issue_comments), 2)
            self.assertIn("0 new, 2 kept, 1 removed", second.stderr)

    def test_by_default_notes_are_in_the_summary_not_inline(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        head = self.repo.commit("add a shell helper")
        self.repo.git("checkout", "-q", "main")
        with FakeGitHub(token=TOKEN, diff_lines={"lib/shell.py": set(range(1, 13))}) as github:
            event = self.event("pull_request.opened.json", base_sha=self.base, head_sha=head)
            result = self.run_action("pull_request", event, github.api_url)
            self.assertEqual(result.returncode, 1, result.stderr)
            review = github.calls("POST", "/repos/octo/sample/pulls/7/reviews")[0].body
            # B404 (a note on line 2) is in the summary comment only.
            self.assertEqual(sorted(c["line"] for c in review["comments"]), [7, 12])
            summary = github.calls("POST", "/repos/octo/sample/issues/7/comments")[0].body["body"]
            self.assertIn("B404", summary)
            # comment_level: failing keeps only what fails the gate inline.
            github.requests.clear()
            github.review_comments.clear()
            result = self.run_action("pull_request", event, github.api_url, "--comment-level", "failing")
            self.assertEqual(sorted(c["line"] for c in github.review_comments), [7, 12])

    def test_annotations_outputs_and_job_summary(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        head = self.repo.commit("add a shell helper")
        with FakeGitHub(token=TOKEN) as github:
            event = self.event("pull_request.opened.json", base_sha=self.base, head_sha=head)
            result = self.run_action("pull_request", event, github.api_url, "--comment", "none")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(github.requests, [], "--comment none must not call the API")
        annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
        self.assertIn("::error file=lib/shell.py,line=7,endLine=7,col=1,title=bandit B602 "
                      "subprocess_popen_with_shell_equals_true (CWE-78)::"
                      "subprocess call with shell=True identified, security issue.", annotations)
        self.assertTrue(any(line.startswith("::error file=lib/shell.py,line=12,") for line in annotations))
        # Not failing the gate: a notice, after the errors.
        self.assertTrue(annotations[-1].startswith("::notice file=lib/shell.py,line=2,endLine=4,"), annotations)
        outputs = self.outputs()
        self.assertEqual(outputs["failed"], "true")
        self.assertEqual(outputs["findings"], "3")
        self.assertEqual(outputs["fixed"], "0")
        self.assertEqual(outputs["sarif_file"], os.path.join(self.tmp, "codegate.sarif"))
        self.assertTrue(self.read(self.summary).startswith("<!-- codegate:summary -->\n## :x: codegate: FAILED"))


    def test_names_in_the_report_cannot_become_workflow_commands(self):
        spoof = "::error title=spoofed::x.py"  # a legal file name in a pull request
        self.repo.write(spoof, VULNERABLE)
        head = self.repo.commit("a file named like a workflow command")
        with FakeGitHub(token=TOKEN) as github:
            event = self.event("pull_request.opened.json", base_sha=self.base, head_sha=head)
            result = self.run_action("pull_request", event, github.api_url, "--comment", "none")
        self.assertEqual(result.returncode, 1, result.stderr)
        lines = result.stdout.splitlines()
        self.assertRegex(lines[0], r"^::stop-commands::[0-9a-f]{32}$")
        token = lines[0].split("::")[2]
        resume = lines.index(f"::{token}::")
        # The report names the file with its leading "::" broken up (platform/log_commands.h), and
        # inside the fence besides.
        self.assertFalse([line for line in lines if line.startswith(spoof)], "a report line is a workflow command")
        spoofed = [i for i, line in enumerate(lines) if line.startswith(": :error title=spoofed::x.py")]
        self.assertTrue(spoofed, "the report should name the file")
        self.assertTrue(all(0 < i < resume for i in spoofed), "a report line escaped the stop-commands fence")
        # codegate's own annotation comes after the fence, with the name escaped as a property.
        self.assertTrue(any(line.startswith("::error file=%3A%3Aerror title=spoofed%3A%3Ax.py,line=7,")
                            for line in lines[resume + 1:]), lines[resume:])


class RefineSuggestions(GithubTestCase):
    def test_fix_suggest_posts_suggestion_blocks_on_the_lines_they_replace(self):
        with FakeLlm() as llm, FakeGitHub(token=TOKEN) as github:
            llm.push(Reply.text("I replaced the shell call.\n\n```python\n" + SHELL_FIXED + "```\n",
                                match="You repair one Python file"))
            self.repo.git("checkout", "-q", "main")
            self.repo.write(".codegate.yml", f"llm:\n  base_url: {llm.openai_base_url}\n"
                                             f"intent:\n  cache_dir: {os.path.join(self.tmp, 'cache')}\n"
                                             f"refine:\n  knowledge: {os.path.join(self.tmp, 'kb.jsonl')}\n")
            base = self.repo.commit("configure the LLM")
            self.repo.git("checkout", "-q", "feature")
            self.repo.git("merge", "-q", "main")
            self.repo.write("lib/shell.py", SHELL)
            head = self.repo.commit("add a shell helper")
            event = self.event("pull_request.opened.json", base_sha=base, head_sha=head)
            result = self.run_action("pull_request", event, github.api_url, "--fix", "suggest", llm=True)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(github.problems, [])
        self.assertEqual(self.outputs()["fixed"], "1")
        suggestions = {c["line"]: c for c in github.review_comments if "suggestion" in c["body"]}
        self.assertEqual(sorted(suggestions), [1, 7], github.review_comments)
        self.assertIn('```suggestion\n"""Helpers that run shell commands."""\nimport shlex\n```', suggestions[1]["body"])
        self.assertIn("```suggestion\n    return subprocess.call(shlex.split(command))\n```", suggestions[7]["body"])
        self.assertIn("proposes 2 fixes", github.reviews[0]["body"])
        self.assertIn("### :bulb: Proposed fixes", github.issue_comments[0]["body"])


class ReadOnlyToken(GithubTestCase):
    def test_fork_pull_request_warns_and_keeps_annotations_and_summary(self):
        self.repo.write("lib/odd, name: x.py", VULNERABLE)
        head = self.repo.commit("a file name with a comma and a colon")
        with FakeGitHub(token=TOKEN, read_only=True) as github:
            event = self.event("pull_request.fork.json", base_sha=self.base, head_sha=head)
            result = self.run_action("pull_request", event, github.api_url)
        self.assertEqual(result.returncode, 1, "the gate's verdict, not a publishing failure: " + result.stderr)
        self.assertEqual(github.problems, [])
        self.assertIn("codegate: warning: cannot comment on pull request #7", result.stderr)
        self.assertIn("HTTP 403: Resource not accessible by integration", result.stderr)
        self.assertIn("::warning title=codegate::cannot comment on pull request #7", result.stdout)
        self.assertIn("::error file=lib/odd%2C name%3A x.py,line=7,", result.stdout)
        self.assertEqual(self.outputs()["failed"], "true")
        self.assertIn("<!-- codegate:summary -->", self.read(self.summary))
        self.assertEqual(github.issue_comments, [])


class Resilience(GithubTestCase):
    def test_enterprise_server_url_and_retried_server_errors(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        head = self.repo.commit("add a shell helper")
        with FakeGitHub(token=TOKEN, prefix="/api/v3") as github:
            github.fail_next("POST", "/repos/octo/sample/issues/7/comments", 502)
            github.fail_next("GET", "/repos/octo/sample/pulls/7/comments", 503)
            event = self.event("pull_request.opened.null_body.json", base_sha=self.base, head_sha=head)
            result = self.run_action("pull_request", event, github.api_url)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(github.problems, [])
        self.assertTrue(all(r.path.startswith("/api/v3/") for r in github.requests))
        self.assertEqual(len(github.calls("POST", "/issues/7/comments")), 2)
        self.assertEqual(len(github.issue_comments), 1)
        self.assertEqual(len(github.reviews), 1)
        self.assertIn("failed (HTTP 502); retry 1 of 3", result.stderr)
        self.assertIn("failed (HTTP 503); retry 1 of 3", result.stderr)
        self.assertNotIn("warning", result.stderr)


class PushEvents(GithubTestCase):
    def test_push_compares_before_and_after_and_a_new_branch_the_default_base(self):
        self.repo.write("docs.txt", "documentation\n")
        head = self.repo.commit("docs")
        self.repo.git("checkout", "-q", "main")
        with FakeGitHub(token=TOKEN) as github:
            event = self.event("push.json", before=self.base, after=head)
            pushed = self.run_action("push", event, github.api_url)
            self.assertEqual(pushed.returncode, 0, pushed.stderr)
            self.assertIn(f"comparing {self.base[:7]}..{head[:7]}", pushed.stderr)
            self.assertIn("revisions from the push event", pushed.stderr)

            event = self.event("push.new_branch.json", after=head)
            created = self.run_action("push", event, github.api_url)
            self.assertEqual(created.returncode, 0, created.stderr)
            self.assertIn(f"..{head[:7]} (merge base of refs/heads/main and {head})", created.stderr)
        self.assertEqual(github.requests, [], "a push has no pull request to comment on")


if __name__ == "__main__":
    unittest.main()
