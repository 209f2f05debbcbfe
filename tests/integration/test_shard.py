"""`check --shard K/N` and `codegate merge` on a real multi-module change with the real tools: the
merged reports equal an unsharded check's, a missing or foreign shard fails the merge (exit 3)
naming it, and under GitHub Actions only the merge publishes (one summary comment, one review)."""

import json
import os
import shutil
import tempfile
import unittest

from support import codegate
from support.fake_github import FakeGitHub
from support.gitrepo import GitRepo
from support.samples import CLEAN, VULNERABLE

TOKEN = "test-token"
HERE = os.path.dirname(os.path.abspath(__file__))

# Seven modules that import each other, three of them with findings that fail the gate.
MODULES = {
    "app/__init__.py": '"""The app."""\n',
    "app/models.py": '"""Models."""\n\n\nclass Shape:\n    """A shape."""\n\n    def area(self):\n'
                     '        """Its area."""\n        return 0\n',
    "app/service.py": '"""Service."""\nimport subprocess\n\nfrom app.models import Shape\n\n\n'
                      'def run(command):\n    """Runs it."""\n    Shape().perimeter()\n'
                      '    return subprocess.call(command, shell=True)\n',
    "app/views.py": '"""Views."""\nfrom . import service\n\n\ndef show(x):\n    """Shows."""\n'
                    '    return eval(x) + service.run(x)\n',
    "app/shell.py": VULNERABLE,
    "app/util.py": CLEAN,
    "tools/standalone.py": '"""Standalone."""\nimport pickle\n\n\ndef load(data):\n    """Loads."""\n'
                           '    unused = 1\n    return pickle.loads(data)\n',
}


class ShardTestCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.repo.write("README.md", "project\n")
        self.base = self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")
        for name, content in MODULES.items():
            self.repo.write(name, content)
        self.repo.write("docs/notes.txt", "not Python\n")
        self.head = self.repo.commit("modules")
        self.tmp = tempfile.mkdtemp(prefix="codegate-shard-")

    def tearDown(self):
        self.repo.cleanup()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def check(self, *args, env=None):
        return codegate.run("check", "--repo", self.repo.path, "--base", self.base, "--no-llm", *args, env=env)

    def shards(self, count, env=None):
        files = []
        for index in range(1, count + 1):
            out = self.path(f"shard-{index}.json")
            result = self.check("--shard", f"{index}/{count}", "--json", out, env=env)
            self.assertIn(result.returncode, (0, 1), result.stderr)
            self.assertIn(f"shard {index}/{count}: ", result.stderr)
            files.append(out)
        return files

    def read(self, name):
        with open(self.path(name), encoding="utf-8") as handle:
            return handle.read()


class MergedEqualsUnsharded(ShardTestCase):
    def test_three_shards_merged_give_the_unsharded_reports(self):
        whole = self.check("--json", self.path("whole.json"), "--sarif", self.path("whole.sarif"),
                           "--markdown", self.path("whole.md"))
        self.assertEqual(whole.returncode, 1, whole.stderr)
        shards = self.shards(3)
        parts = [json.loads(self.read(os.path.basename(f))) for f in shards]
        # Every Python file in exactly one shard, none of them empty on this change.
        owned = sorted(path for part in parts for path in part["checked_files"])
        self.assertEqual(owned, sorted(MODULES))
        self.assertTrue(all(part["checked_files"] for part in parts), [p["checked_files"] for p in parts])
        self.assertEqual([p["shard"]["index"] for p in parts], [1, 2, 3])
        # The split is the same on every run.
        again = self.check("--shard", "2/3", "--json", self.path("again.json"))
        self.assertIn(again.returncode, (0, 1), again.stderr)
        self.assertEqual(json.loads(self.read("again.json"))["checked_files"], parts[1]["checked_files"])

        merged = codegate.run("merge", *reversed(shards), "--json", self.path("merged.json"), "--sarif",
                              self.path("merged.sarif"), "--markdown", self.path("merged.md"))
        self.assertEqual(merged.returncode, whole.returncode, merged.stderr)
        self.assertIn("merged 3 shards: 7 checked Python files", merged.stderr)
        self.assertEqual(self.read("merged.json"), self.read("whole.json"))
        self.assertEqual(self.read("merged.sarif"), self.read("whole.sarif"))
        self.assertEqual(self.read("merged.md"), self.read("whole.md"))
        self.assertEqual(merged.stdout, whole.stdout)
        sarif = json.loads(self.read("merged.sarif"))
        self.assertEqual([run["tool"]["driver"]["name"] for run in sarif["runs"]],
                         [run["tool"]["driver"]["name"] for run in json.loads(self.read("whole.sarif"))["runs"]])

    def test_a_passing_change_merges_to_a_pass(self):
        self.repo.git("checkout", "-q", "-b", "clean", self.base)
        for index in range(4):
            self.repo.write(f"lib/clean_{index}.py", CLEAN)
        self.repo.commit("clean modules")
        shards = self.shards(2)
        merged = codegate.run("merge", *shards, "--format", "json")
        self.assertEqual(merged.returncode, 0, merged.stderr)
        report = json.loads(merged.stdout)
        self.assertFalse(report["failed"])
        self.assertNotIn("shard", report)
        self.assertEqual(len(report["checked_files"]), 4)


class BrokenShards(ShardTestCase):
    def test_a_missing_shard_fails_the_merge_naming_it(self):
        shards = self.shards(3)
        result = codegate.run("merge", shards[0], shards[2])
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("codegate: error: shard 2/3 is missing: its job failed or its report was not downloaded",
                      result.stderr)
        self.assertEqual(result.stdout, "")
        result = codegate.run("merge", shards[0], self.path("never-written.json"), shards[2])
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("cannot read the shard report " + self.path("never-written.json"), result.stderr)

    def test_a_shard_of_another_change_or_an_unsharded_report_fails_the_merge(self):
        shards = self.shards(2)
        self.repo.write("app/util.py", CLEAN + "\n\ndef sub(a, b):\n    \"\"\"Difference.\"\"\"\n    return a - b\n")
        self.repo.commit("one more push")
        later = self.path("later-2.json")
        result = self.check("--shard", "2/2", "--json", later)
        self.assertIn(result.returncode, (0, 1), result.stderr)
        result = codegate.run("merge", shards[0], later)
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("is about another change than shard 1/2 (" + shards[0] + ")", result.stderr)
        whole = self.path("whole.json")
        self.check("--json", whole)
        result = codegate.run("merge", whole)
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("is the report of an unsharded check", result.stderr)
        with open(self.path("torn.json"), "w", encoding="utf-8") as handle:
            handle.write(self.read("shard-1.json")[:200])
        result = codegate.run("merge", self.path("torn.json"), shards[1])
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn(self.path("torn.json") + " is not a codegate JSON report: not JSON", result.stderr)

    def test_bad_shard_arguments_are_usage_errors(self):
        for bad in ("0/3", "4/3", "3", "x/y"):
            result = self.check("--shard", bad)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn("is not K/N with 1 <= K <= N <= 256", result.stderr)
        result = self.check("--shard", "1/2", "--fix", "patch")
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--shard cannot refine (--fix patch here)", result.stderr)
        result = self.check("--shard", "1/2", "--gitlab-sast", self.path("sast.json"))
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("give --gitlab-code-quality and --gitlab-sast to codegate merge", result.stderr)
        result = codegate.run("merge")
        self.assertEqual(result.returncode, 2, result.stderr)


class GithubMatrix(ShardTestCase):
    def test_shards_publish_nothing_and_the_merge_publishes_once(self):
        event = os.path.join(self.tmp, "event.json")
        with open(os.path.join(HERE, "fixtures", "github", "pull_request.opened.json"), encoding="utf-8") as handle:
            text = handle.read().replace("@BASE_SHA@", self.base).replace("@HEAD_SHA@", self.head)
        with open(event, "w", encoding="utf-8") as handle:
            handle.write(text)
        output, summary = self.path("output"), self.path("summary")
        for name in (output, summary):
            open(name, "w").close()
        diff_lines = {path: set(range(1, 20)) for path in MODULES}
        with FakeGitHub(token=TOKEN, diff_lines=diff_lines) as github:
            env = {"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request",
                   "GITHUB_EVENT_PATH": event, "GITHUB_REPOSITORY": "octo/sample", "GITHUB_API_URL": github.api_url,
                   "GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary, "GITHUB_WORKSPACE": self.repo.path,
                   "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "99", "GITHUB_TOKEN": TOKEN}
            shards = []
            for index in (1, 2, 3):
                out = self.path(f"gh-{index}.json")
                result = codegate.run("check", "--repo", self.repo.path, "--no-llm", "--shard", f"{index}/3",
                                      "--json", out, env=env)
                self.assertIn(result.returncode, (0, 1), result.stderr)
                self.assertNotIn("::error", result.stdout)
                shards.append(out)
            self.assertEqual(github.requests, [])
            self.assertEqual(self.read("summary"), "")

            # --comment-level note: every shard's reported findings inline, notes too.
            merged = codegate.run("merge", "--comment-level", "note", *shards, env=env)
            self.assertEqual(merged.returncode, 1, merged.stderr)
            self.assertNotIn(TOKEN, merged.stdout + merged.stderr)
            self.assertEqual(github.problems, [])
            posted = github.calls("POST", "/repos/octo/sample/issues/7/comments")
            self.assertEqual(len(posted), 1)
            self.assertTrue(posted[0].body["body"].startswith("<!-- codegate:summary -->\n## :x: codegate: FAILED"))
            reviews = github.calls("POST", "/repos/octo/sample/pulls/7/reviews")
            self.assertEqual(len(reviews), 1)
            self.assertEqual(reviews[0].body["commit_id"], self.head)
            paths = sorted({c["path"] for c in reviews[0].body["comments"]})
            # (app/models.py's findings were Pylint conventions, which a project without a Pylint
            # configuration does not get.)
            self.assertEqual(paths, ["app/service.py", "app/shell.py", "app/views.py", "tools/standalone.py"])
            self.assertIn("::error file=app/shell.py,line=7", merged.stdout)
            self.assertIn("codegate: FAILED", self.read("summary"))


if __name__ == "__main__":
    unittest.main()
