"""`codegate check` in a Bitbucket pull-request pipeline: revisions from the Pipelines variables,
the Code Insights report and annotations (with a token, or through the Pipelines proxy without
one), and the sticky summary and inline comments, through a local Bitbucket API."""

import os
import re
import shutil
import tempfile
import unittest

from support import codegate
from support.fake_bitbucket import BOT, OTHER, FakeBitbucket
from support.gitrepo import GitRepo
from support.samples import CLEAN, VULNERABLE

TOKEN = "bb-secret-token-0123456789"


class BitbucketTestCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.repo.write("README.md", "project\n")
        self.repo.write("lib/__init__.py", "")
        self.base = self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")
        self.tmp = tempfile.mkdtemp(prefix="codegate-bb-")

    def tearDown(self):
        self.repo.cleanup()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_pipeline(self, bitbucket, head, *args, token=TOKEN, pull_request=True):
        env = {"CI": "true", "BITBUCKET_BUILD_NUMBER": "31", "BITBUCKET_COMMIT": head,
               "BITBUCKET_WORKSPACE": "octo", "BITBUCKET_REPO_SLUG": "sample",
               "BITBUCKET_GIT_HTTP_ORIGIN": "http://bitbucket.org/octo/sample",
               "BITBUCKET_API_URL": bitbucket.api_url, "CODEGATE_BITBUCKET_PROXY": bitbucket.proxy_url}
        if pull_request:
            # Pipelines names the destination's tip by an abbreviated hash.
            env.update({"BITBUCKET_PR_ID": "7", "BITBUCKET_PR_DESTINATION_COMMIT": self.base[:12]})
        if token:
            env["BITBUCKET_TOKEN"] = token
        result = codegate.run("check", "--repo", self.repo.path, "--no-llm", *args, env=env)
        self.assertNotIn(TOKEN, result.stdout + result.stderr, "the token was printed")
        for request in bitbucket.requests:
            self.assertNotIn(TOKEN, repr(request.body), "the token went into a request body")
        return result


class PullRequestPipeline(BitbucketTestCase):
    def test_report_annotations_and_comments_then_a_fix_updates_everything(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        # The change's own configuration would switch both tools off: in CI it is read from the base.
        self.repo.write(".codegate.yml", "pylint:\n  enabled: false\nbandit:\n  enabled: false\n")
        head = self.repo.commit("add a shell helper")
        with FakeBitbucket(token=TOKEN, added_lines={"lib/shell.py": set(range(1, 13))}, page_size=2) as bitbucket:
            # Someone else's comment that quotes codegate's marker is never touched.
            bitbucket.add_comment("[//]: # (codegate:summary)\nmy own notes", user=OTHER)
            first = self.run_pipeline(bitbucket, head)
            self.assertEqual(first.returncode, 1, first.stderr)
            self.assertEqual(bitbucket.problems, [])
            self.assertIn("revisions from the pull-request pipeline", first.stderr)

            report = bitbucket.reports[head]
            self.assertEqual(report["result"], "FAILED")
            self.assertEqual(report["report_type"], "BUG")
            self.assertEqual(report["link"], "https://bitbucket.org/octo/sample/pipelines/results/31")
            self.assertEqual({d["title"]: d["value"] for d in report["data"]},
                             {"Failing the gate": 2, "Reported": 3, "Errors": 2, "Warnings": 0, "Notes": 1})
            annotations = sorted(bitbucket.annotations[head], key=lambda a: a["line"])
            self.assertEqual([(a["line"], a["severity"], a["annotation_type"], a.get("result")) for a in annotations],
                             [(2, "LOW", "VULNERABILITY", None), (7, "HIGH", "VULNERABILITY", "FAILED"),
                              (12, "HIGH", "BUG", "FAILED")])
            self.assertTrue(annotations[1]["external_id"].startswith("bandit/B602/"))
            self.assertEqual(annotations[1]["path"], "lib/shell.py")

            summaries = bitbucket.summaries()
            self.assertEqual(len(summaries), 1)
            summary = summaries[0]["content"]["raw"]
            self.assertTrue(summary.startswith("[//]: # (codegate:summary)\n## :x: codegate: FAILED"), summary)
            self.assertNotIn("<!--", summary)
            self.assertNotIn("<sub>", summary)
            self.assertIn("[workflow run](https://bitbucket.org/octo/sample/pipelines/results/31)", summary)
            inline = bitbucket.inline()
            self.assertEqual(sorted(c["inline"]["to"] for c in inline), [7, 12])
            self.assertTrue(all(c["content"]["raw"].startswith("[//]: # (codegate:key finding:") for c in inline))
            self.assertIn("pull request #7: summary comment posted; 2 new, 0 kept", first.stderr)

            # Alice answers the comment on line 12; the next push fixes both findings.
            line12 = next(c for c in inline if c["inline"]["to"] == 12)
            bitbucket.add_comment("why?", user=OTHER, parent=line12["id"])
            self.repo.write("lib/shell.py", CLEAN)
            second_head = self.repo.commit("fix")
            bitbucket.requests.clear()
            second = self.run_pipeline(bitbucket, second_head)
            self.assertEqual(second.returncode, 0, second.stderr)
            self.assertEqual(bitbucket.problems, [])
            self.assertEqual(bitbucket.reports[second_head]["result"], "PASSED")
            self.assertEqual(bitbucket.annotations[second_head], [])
            self.assertEqual(len(bitbucket.summaries()), 1)
            self.assertIn("codegate: PASSED", bitbucket.summaries()[0]["content"]["raw"])
            self.assertEqual(bitbucket.calls("POST", "/comments"), [], "nothing posted twice")
            remaining = bitbucket.inline()
            self.assertEqual([c["inline"]["to"] for c in remaining], [12])
            self.assertTrue(remaining[0]["content"]["raw"].startswith("**Resolved:** codegate no longer reports"))
            self.assertIn("1 removed, 1 resolved inline comments", second.stderr)
            self.assertEqual(bitbucket.comments[0]["content"]["raw"], "[//]: # (codegate:summary)\nmy own notes")

    def test_a_rerun_on_the_same_commit_replaces_the_report_and_its_annotations(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        head = self.repo.commit("add a shell helper")
        with FakeBitbucket(token=TOKEN) as bitbucket:
            self.run_pipeline(bitbucket, head, "--comment", "none")
            self.run_pipeline(bitbucket, head, "--comment", "none")
            self.assertEqual(bitbucket.problems, [])
            self.assertEqual(len(bitbucket.annotations[head]), 3)
            self.assertEqual([r.method for r in bitbucket.calls(path_suffix="/reports/codegate")],
                             ["DELETE", "PUT", "DELETE", "PUT"])
            self.assertEqual(bitbucket.comments, [])

    def test_without_a_token_code_insights_goes_through_the_pipelines_proxy(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        head = self.repo.commit("add a shell helper")
        with FakeBitbucket(token=TOKEN) as bitbucket:
            result = self.run_pipeline(bitbucket, head, token=None)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertEqual(bitbucket.problems, [])
            self.assertEqual(bitbucket.reports[head]["result"], "FAILED")
            self.assertEqual(len(bitbucket.annotations[head]), 3)
            targets = [r.target for r in bitbucket.requests]
            self.assertTrue(targets and all(t.startswith("http://api.bitbucket.org/2.0/repositories/octo/sample/")
                                            for t in targets), targets)
            self.assertEqual(bitbucket.comments, [])
            self.assertIn("no BITBUCKET_TOKEN in the environment: not commenting on pull request #7", result.stderr)

    def test_a_read_only_token_is_a_warning_and_the_verdict_stands(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        head = self.repo.commit("add a shell helper")
        with FakeBitbucket(token=TOKEN, read_only=True) as bitbucket:
            result = self.run_pipeline(bitbucket, head)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(bitbucket.problems, [])
        self.assertIn("codegate: warning: cannot comment on pull request #7", result.stderr)
        self.assertIn("pullrequest:write", result.stderr)
        self.assertEqual(bitbucket.reports[head]["result"], "FAILED")

    def test_an_api_that_keeps_failing_is_a_warning_never_a_pass_or_a_crash(self):
        self.repo.write("lib/shell.py", CLEAN)
        self.repo.write("lib/shell2.py", VULNERABLE)
        head = self.repo.commit("add helpers")
        with FakeBitbucket(token=TOKEN) as bitbucket:
            report = f"/repositories/octo/sample/commit/{head}/reports/codegate"
            bitbucket.fail_next("PUT", report, 500, 500, 500, 500)
            result = self.run_pipeline(bitbucket, head, "--comment", "none")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(len(bitbucket.calls("PUT", "/reports/codegate")), 4)
        self.assertIn("codegate: warning: could not publish the Code Insights report: creating the Code Insights "
                      "report failed: HTTP 500", result.stderr)

    def test_hostile_file_names_stay_text(self):
        name = "lib/<details><summary>x</summary>[y](https:evil) @all.py"
        self.repo.write(name, VULNERABLE)
        head = self.repo.commit("add a helper")
        with FakeBitbucket(token=TOKEN) as bitbucket:
            result = self.run_pipeline(bitbucket, head)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertEqual(bitbucket.problems, [])
            summary = bitbucket.summaries()[0]["content"]["raw"]
            self.assertIn(r"lib/\<details\>\<summary\>x\</summary\>\[y\](https:evil) \@all.py", summary)
            self.assertNotIn("**x", summary)
            self.assertEqual({a["path"] for a in bitbucket.annotations[head]}, {name})

    def test_a_destination_commit_missing_from_the_clone_says_what_to_fetch(self):
        self.repo.write("lib/shell.py", CLEAN)
        head = self.repo.commit("add a helper")
        with FakeBitbucket(token=TOKEN) as bitbucket:
            self.base = "0123456789ab" + self.base[12:]
            result = self.run_pipeline(bitbucket, head)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("is not in this clone; Pipelines clones only the source branch: fetch the destination first",
                      result.stderr)
        self.assertEqual(bitbucket.requests, [])


class ExamplePipelines(unittest.TestCase):
    """The Bitbucket and Azure examples call codegate with options it has (they are not run here:
    neither platform runs locally)."""

    def test_every_option_in_the_examples_exists(self):
        help_text = codegate.run("check", "--help").stdout
        root = os.path.join(os.path.dirname(__file__), "..", "..", "examples")
        for name in ("bitbucket-pipelines.yml", "azure-pipelines.yml"):
            with open(os.path.join(root, name), encoding="utf-8") as handle:
                text = handle.read()
            commands = re.findall(r"codegate check(?:\\\n|[^\n])*", text)
            self.assertTrue(commands, name)
            for command in commands:
                for option in re.findall(r"(?<=\s)--[a-z][a-z-]*", command):
                    self.assertIn(option, help_text, f"{name}: {option}")


if __name__ == "__main__":
    unittest.main()
