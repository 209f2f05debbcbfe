"""`codegate check` in an Azure Pipelines pull-request build: revisions from the build variables,
logged issues, the pull request's status, and the summary and file threads through a local
Azure DevOps API."""

import re
import shutil
import tempfile
import unittest

from support import codegate
from support.fake_azure import BUILD, OTHER, FakeAzure
from support.gitrepo import GitRepo
from support.samples import CLEAN, VULNERABLE

TOKEN = "azure-job-access-token-0123456789"


class AzureTestCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.repo.write("README.md", "project\n")
        self.repo.write("lib/__init__.py", "")
        self.base = self.repo.commit("base")
        # The build's checkout has the target branch as a remote-tracking branch.
        self.repo.git("update-ref", "refs/remotes/origin/main", self.base)
        self.repo.git("checkout", "-q", "-b", "feature")
        self.tmp = tempfile.mkdtemp(prefix="codegate-az-")

    def tearDown(self):
        self.repo.cleanup()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_build(self, azure, head, *args, token=TOKEN, provider="TfsGit"):
        env = {"TF_BUILD": "True", "SYSTEM_COLLECTIONURI": azure.api_url + "/", "SYSTEM_TEAMPROJECT": azure.project,
               "BUILD_REPOSITORY_ID": azure.repository, "BUILD_REPOSITORY_PROVIDER": provider,
               "BUILD_BUILDID": "118", "BUILD_SOURCEVERSION": "f" * 40,
               "SYSTEM_PULLREQUEST_PULLREQUESTID": "7", "SYSTEM_PULLREQUEST_SOURCECOMMITID": head,
               "SYSTEM_PULLREQUEST_TARGETBRANCH": "refs/heads/main"}
        if token:
            env["SYSTEM_ACCESSTOKEN"] = token
        result = codegate.run("check", "--repo", self.repo.path, "--no-llm", *args, env=env)
        self.assertNotIn(TOKEN, result.stdout + result.stderr, "the token was printed")
        return result


def logged_issues(text):
    return [line for line in text.splitlines() if "##vso[" in line]


class PullRequestBuild(AzureTestCase):
    def test_status_threads_and_issues_then_a_fix_resolves_them(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        # The change's own configuration would switch both tools off: in CI it is read from the base.
        self.repo.write(".codegate.yml", "pylint:\n  enabled: false\nbandit:\n  enabled: false\n")
        head = self.repo.commit("add a shell helper")
        with FakeAzure(token=TOKEN, added_lines={"lib/shell.py": set(range(1, 13))}) as azure:
            azure.add_thread("<!-- codegate:summary -->\nquoted by a person", author=OTHER)
            first = self.run_build(azure, head)
            self.assertEqual(first.returncode, 1, first.stderr)
            self.assertEqual(azure.problems, [])
            self.assertIn("revisions from the pull-request build", first.stderr)

            issues = logged_issues(first.stdout)
            self.assertEqual(len(issues), 2, first.stdout)
            self.assertRegex(issues[0], r"^##vso\[task\.logissue type=error;sourcepath=lib/shell\.py;linenumber=7;"
                                        r"columnnumber=\d+;code=bandit/B602\]CWE-78: ")
            self.assertRegex(issues[1], r"^##vso\[task\.logissue type=error;sourcepath=lib/shell\.py;linenumber=12;"
                                        r"columnnumber=\d+;code=pylint/E0602\]Undefined variable 'undefined_name'$")

            self.assertEqual(len(azure.statuses), 1)
            status = azure.statuses[0]
            self.assertEqual((status["state"], status["context"]), ("failed", {"genre": "codegate", "name": "gate"}))
            self.assertEqual(status["targetUrl"], azure.api_url + "/Sample%20Project/_build/results?buildId=118")
            self.assertEqual(status["description"], "FAILED: 3 findings reported, 2 fail the gate")

            summaries = azure.summary_threads()
            self.assertEqual(len(summaries), 1)
            self.assertEqual(summaries[0]["status"], "active")
            content = summaries[0]["comments"][0]["content"]
            self.assertTrue(content.startswith("[//]: # (codegate:summary)\n## :x: codegate: FAILED"), content)
            files = azure.file_threads()
            self.assertEqual(sorted(t["threadContext"]["rightFileStart"]["line"] for t in files), [7, 12])
            self.assertEqual({t["threadContext"]["filePath"] for t in files}, {"/lib/shell.py"})
            self.assertIn("pull request 7: status failed; summary thread posted; 2 new, 0 kept", first.stderr)

            self.repo.write("lib/shell.py", CLEAN)
            second_head = self.repo.commit("fix")
            azure.requests.clear()
            second = self.run_build(azure, second_head)
            self.assertEqual(second.returncode, 0, second.stderr)
            self.assertEqual(azure.problems, [])
            self.assertEqual(logged_issues(second.stdout), [])
            self.assertEqual(azure.statuses[-1]["state"], "succeeded")
            self.assertEqual(len(azure.calls("POST", "/threads")), 0, "nothing posted twice")
            self.assertEqual(len(azure.summary_threads()), 1)
            self.assertEqual(azure.summary_threads()[0]["status"], "closed")
            self.assertIn("codegate: PASSED", azure.summary_threads()[0]["comments"][0]["content"])
            self.assertEqual(sorted(t["status"] for t in azure.file_threads()), ["fixed", "fixed"])
            self.assertEqual(azure.threads[0]["comments"][0]["content"], "<!-- codegate:summary -->\nquoted by a person")

    def test_a_build_service_without_contribute_is_a_warning_and_the_verdict_stands(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        head = self.repo.commit("add a shell helper")
        with FakeAzure(token=TOKEN, read_only=True) as azure:
            result = self.run_build(azure, head)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(azure.problems, [])
        self.assertIn("codegate: warning: cannot publish to pull request 7", result.stderr)
        self.assertIn("Contribute to pull requests", result.stderr)
        self.assertEqual(len(logged_issues(result.stdout)), 2)

    def test_an_api_error_is_retried_then_a_warning(self):
        self.repo.write("lib/shell.py", CLEAN)
        head = self.repo.commit("add a helper")
        with FakeAzure(token=TOKEN) as azure:
            azure.fail_next("POST", "/Sample%20Project/_apis/git/repositories/9d2f-repo/pullRequests/7/statuses", 503)
            result = self.run_build(azure, head)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(azure.problems, [])
            self.assertIn("failed (HTTP 503); retry 1 of 3", result.stderr)
            self.assertEqual([s["state"] for s in azure.statuses], ["succeeded"])

    def test_without_the_access_token_or_outside_azure_repos_only_issues_are_logged(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        head = self.repo.commit("add a shell helper")
        with FakeAzure(token=TOKEN) as azure:
            no_token = self.run_build(azure, head, token=None)
            on_github = self.run_build(azure, head, provider="GitHub")
            self.assertEqual(azure.requests, [])
        self.assertEqual(no_token.returncode, 1)
        self.assertIn("no SYSTEM_ACCESSTOKEN in the environment (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken))",
                      no_token.stderr)
        self.assertIn("is on GitHub, not Azure Repos", on_github.stderr)
        self.assertEqual(len(logged_issues(on_github.stdout)), 2)

    def test_a_file_name_cannot_inject_a_logging_command(self):
        name = "lib/x##vso[task.setvariable variable=GATE]passed;##VSO[task.complete result=Succeeded].py"
        self.repo.write(name, VULNERABLE)
        head = self.repo.commit("add a helper")
        with FakeAzure(token=TOKEN) as azure:
            result = self.run_build(azure, head, "--format", "text", "-v")
            self.assertEqual(azure.problems, [])
        self.assertEqual(result.returncode, 1, result.stderr)
        commands = re.findall(r"##vso\[[^\]]*\]", result.stdout + result.stderr, flags=re.IGNORECASE)
        self.assertTrue(commands)
        self.assertTrue(all(c.startswith("##vso[task.logissue type=error;sourcepath=lib/x##vso [task.setvariable ")
                            for c in commands), commands)
        self.assertIn("sourcepath=lib/x##vso [task.setvariable variable=GATE%5Dpassed%3B##VSO [task.complete "
                      "result=Succeeded%5D.py;", result.stdout)


if __name__ == "__main__":
    unittest.main()
