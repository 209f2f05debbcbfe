"""Pyflakes, the opt-in fourth analyzer, end to end with the real pyflakes3: off unless the base's
configuration lists it, then run, cached, filtered, gated and reported like Pylint and Bandit."""

import json
import os
import tempfile
import unittest

from support import codegate
from support.gitrepo import GitRepo

# Pylint finds nothing here that fails (the defaults run only its errors and warnings); Pyflakes
# finds the undefined name, which fails when the code runs, and the unused import, which does not.
CHANGED = '''"""Totals."""
import os


def total(values):
    """Adds the values."""
    return sum(values) + offset  # noqa: E501
'''


class PyflakesTestCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.out = tempfile.mkdtemp()

    def tearDown(self):
        self.repo.cleanup()

    def pull_request(self, configuration, changed=CHANGED):
        if configuration is not None:
            self.repo.write(".codegate.yml", configuration)
        self.repo.write("lib/__init__.py", "")
        self.repo.write("lib/old.py", '"""Old."""\nimport sys\n')  # an unused import nobody changed
        self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")
        self.repo.write("lib/totals.py", changed)
        self.repo.commit("add totals")

    def check(self, env=None):
        report = os.path.join(self.out, "r.json")
        sarif = os.path.join(self.out, "r.sarif")
        result = codegate.run("check", "--repo", self.repo.path, "--base", "main", "--no-llm", "--json", report,
                              "--sarif", sarif, env=env)
        data = None
        if os.path.exists(report):
            with open(report, encoding="utf-8") as handle:
                data = json.load(handle)
        return result, data, sarif

    def pyflakes_findings(self, data):
        return [(f["rule_id"], f["path"], f["line"], f["fails_gate"]) for f in data["findings"]
                if f["tool"] == "pyflakes" and f["filter"]["reported"]]


class OptIn(PyflakesTestCase):
    def test_off_by_default_and_absent_from_the_reports(self):
        self.pull_request(None)
        result, data, _ = self.check()
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)  # Pylint's E0602
        self.assertEqual([t["name"] for t in data["tools"]], ["pylint", "bandit", "codegate-intent"])
        self.assertEqual(self.pyflakes_findings(data), [])

    def test_listed_it_fails_what_breaks_at_run_time_and_reports_the_rest(self):
        self.pull_request("analyzers:\n  pyflakes: {}\npylint:\n  enabled: false\n")
        cache = {"XDG_CACHE_HOME": tempfile.mkdtemp(dir=self.out)}
        result, data, sarif = self.check(env=cache)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertEqual(self.pyflakes_findings(data),
                         [("F401", "lib/totals.py", 2, False), ("F821", "lib/totals.py", 7, True)])
        tool = [t for t in data["tools"] if t["name"] == "pyflakes"][0]
        self.assertEqual(tool["status"], "ok")
        self.assertRegex(tool["version"], r"^\d+\.\d+")
        with open(sarif, encoding="utf-8") as handle:
            runs = json.load(handle)["runs"]
        run = [r for r in runs if r["tool"]["driver"]["name"] == "pyflakes"][0]
        rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
        self.assertEqual(sorted(rules), ["F401", "F821"])
        self.assertEqual(rules["F821"]["helpUri"], "https://docs.astral.sh/ruff/rules/undefined-name/")
        self.assertEqual(rules["F821"]["defaultConfiguration"]["level"], "error")
        self.assertIn("codegate: checking 1 changed Python file with bandit and pyflakes\n", result.stderr)
        self.assertEqual(tool["cached_files"], 0)
        _, again, _ = self.check(env=cache)  # the result cache keeps Pyflakes's findings per file, too
        self.assertEqual([t["cached_files"] for t in again["tools"] if t["name"] == "pyflakes"], [1])
        self.assertEqual(self.pyflakes_findings(again), self.pyflakes_findings(data))
        self.assertIn("lib/totals.py:7:26: error [pyflakes F821 undefined-name] undefined name 'offset' <- fails the "
                      "gate", result.stdout)

    def test_fail_on_and_noqa(self):
        self.pull_request("analyzers:\n  pyflakes:\n    fail_on: [F401]\npylint:\n  enabled: false\n",
                          changed=CHANGED.replace("import os\n", "import os  # noqa: F401\n"))
        result, data, _ = self.check()
        # F821 no longer fails (fail_on names only F401), and the one F401 is suppressed by its noqa.
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        [unused] = [f for f in data["findings"] if f["tool"] == "pyflakes" and f["rule_id"] == "F401"]
        self.assertEqual(unused["suppression"]["comment"], "# noqa: F401")
        self.assertFalse(unused["fails_gate"])

    def test_ruffs_own_comment_by_rule_name(self):
        self.pull_request("analyzers:\n  pyflakes:\n    fail_on: [F401]\npylint:\n  enabled: false\n",
                          changed=CHANGED.replace("import os\n", "# ruff: ignore[unused-import]\nimport os\n"))
        result, data, _ = self.check()
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        [unused] = [f for f in data["findings"] if f["tool"] == "pyflakes" and f["rule_id"] == "F401"]
        self.assertEqual(unused["suppression"], {"line": 2, "comment": "# ruff: ignore[unused-import]",
                                                 "by": "change", "honoured": True})

    def test_a_misspelt_name_is_a_usage_error_at_its_line(self):
        self.pull_request("analyzers:\n  pyflake: {}\n")
        result, _, _ = self.check()
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertIn("codegate: error: .codegate.yml:2:3: 'analyzers' has no analyzer called 'pyflake' (opt-in "
                      "analyzers: pyflakes)", result.stderr)

    def test_a_file_it_cannot_parse_is_not_analysed_and_fails(self):
        self.pull_request("analyzers:\n  pyflakes: {}\npylint:\n  enabled: false\nbandit:\n  enabled: false\n",
                          changed="def broken(:\n    pass\n")
        result, data, _ = self.check()
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        [finding] = [f for f in data["findings"] if f["filter"]["reported"]]
        self.assertEqual((finding["tool"], finding["rule_id"], finding["path"]),
                         ("codegate", "not-analysed", "lib/totals.py"))
        self.assertIn("pyflakes could not parse it", finding["message"])
        self.assertTrue(finding["fails_gate"])


if __name__ == "__main__":
    unittest.main()
