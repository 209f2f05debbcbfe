"""Missing docstrings where the project asks for them (issue 30, item 3): a finding each where the
project's other tools require docstrings (Ruff's or pydocstyle's D rules, interrogate, Pylint's
missing-function-docstring) or intent.require_docstrings is set; elsewhere one line of the summary
and the JSON report's list. The settings are read from the base revision in CI, never from the
change. The real binary, real git repositories; Pylint and Bandit off unless a case needs them."""

import json
import os
import shutil
import tempfile
import unittest

from support import codegate
from support.gitrepo import GitRepo

BASE = '"""Helpers."""\n'
# A public function without a docstring (line 4) and a private one, which needs none.
HEAD = '''"""Helpers."""


def undocumented(value):
    return value + 1


def _private(value):
    return value
'''

NO_ANALYZERS = "pylint:\n  enabled: false\nbandit:\n  enabled: false\n"

SUMMARY_LINE = ("codegate: intent check: 1 changed function has no docstring to compare with (listed in the JSON "
                "report; the project does not ask for docstrings)\n")

PRE_COMMIT = """repos:
- repo: https://github.com/PyCQA/%s
  rev: 1.0.0
  hooks:
  - id: %s
"""


class DocstringCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.out = tempfile.mkdtemp(prefix="codegate-docstrings-")

    def tearDown(self):
        self.repo.cleanup()
        shutil.rmtree(self.out, ignore_errors=True)

    def change(self, base_files=None, codegate_yml=NO_ANALYZERS, head_files=None):
        """The base holds `base_files` and .codegate.yml; the change adds an undocumented function."""
        self.repo.write("README.md", "project\n")
        self.repo.write(".codegate.yml", codegate_yml)
        self.repo.write("lib/tools.py", BASE)
        for name, content in (base_files or {}).items():
            self.repo.write(name, content)
        self.repo.commit("base")
        self.repo.git("tag", "base")
        self.repo.write("lib/tools.py", HEAD)
        for name, content in (head_files or {}).items():
            self.repo.write(name, content)
        self.repo.commit("change")

    def check(self, *args):
        report = os.path.join(self.out, "r.json")
        result = codegate.run("check", "--repo", self.repo.path, "--base", "base", "--no-llm", "--json", report,
                              *args, env={"CI": "true"})
        with open(report, encoding="utf-8") as handle:
            return result, json.load(handle)

    @staticmethod
    def missing_findings(data):
        return [(f["path"], f["line"], f["level"], f["filter"]["reported"])
                for f in data["findings"] if f["rule_id"] == "missing-docstring"]


class NotAsked(DocstringCase):
    def test_listed_and_counted_in_one_line_where_the_project_asks_for_none(self):
        self.change()
        result, data = self.check("--format", "text")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(self.missing_findings(data), [])
        self.assertEqual(data["missing_docstrings"], ["lib/tools.py:4 undocumented"])
        self.assertFalse(data["docstrings_required"])
        self.assertEqual(data["summary"]["reported"], 0)
        self.assertTrue(result.stdout.endswith(SUMMARY_LINE + "codegate: 0 findings reported; PASSED\n"),
                        result.stdout)

    def test_the_pull_request_comment_has_the_line_and_no_list(self):
        self.change()
        result, _ = self.check("--format", "markdown")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("- " + SUMMARY_LINE[len("codegate: "):], result.stdout)
        self.assertNotIn("<details>", result.stdout)
        self.assertNotIn("undocumented", result.stdout)

    def test_the_verdict_does_not_depend_on_them(self):
        # --fail-level note fails on every reported note: where docstrings are not asked for,
        # there are none; where they are, the missing one fails as before.
        self.change()
        result, data = self.check("--fail-level", "note")
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertFalse(data["failed"])

    def test_settings_that_do_not_ask(self):
        cases = {
            "Ruff without D": {"pyproject.toml": '[tool.ruff.lint]\nselect = ["E", "F", "B"]\n'},
            "Ruff ignoring D1": {"pyproject.toml": '[tool.ruff.lint]\nselect = ["ALL"]\nignore = ["D1"]\n'},
            "pydocstyle without the functions": {"setup.cfg": "[pydocstyle]\nadd-ignore = D102,D103\n"},
            "Pylint's configuration turning it off": {".pylintrc": "[MESSAGES CONTROL]\n"
                                                                   "disable = missing-function-docstring\n"},
            "flake8 ignoring D1 (aiohttp)": {"setup.cfg": "[flake8]\nignore = D1,D4\n"},
        }
        for name, files in cases.items():
            with self.subTest(name):
                self.tearDown()
                self.setUp()
                self.change(files)
                _, data = self.check()
                self.assertEqual(self.missing_findings(data), [])
                self.assertEqual(data["missing_docstrings"], ["lib/tools.py:4 undocumented"])
                self.assertFalse(data["docstrings_required"])

    def test_the_change_cannot_ask_for_them_itself(self):
        # In CI the settings come from the base: a pull request that adds Ruff's D rules is held to
        # them from the next one on.
        self.change(head_files={"pyproject.toml": '[tool.ruff.lint]\nselect = ["D"]\n'})
        _, data = self.check()
        self.assertEqual(self.missing_findings(data), [])
        self.assertFalse(data["docstrings_required"])


class Asked(DocstringCase):
    def test_each_tool_that_asks_makes_it_a_finding(self):
        cases = {
            "Ruff's select": ({"pyproject.toml": '[tool.ruff.lint]\nselect = ["E", "D"]\n'},
                              "pyproject.toml [tool.ruff] (Ruff's D102/D103)"),
            "Ruff's legacy extend-select in ruff.toml": ({"ruff.toml": 'extend-select = ["D103"]\n'},
                                                         "ruff.toml (Ruff's D102/D103)"),
            "pydocstyle": ({"setup.cfg": "[pydocstyle]\nconvention = google\n"}, "setup.cfg [pydocstyle]"),
            "pydocstyle's hook": ({".pre-commit-config.yaml": PRE_COMMIT % ("pydocstyle", "pydocstyle")},
                                  ".pre-commit-config.yaml's pydocstyle hook"),
            "interrogate": ({"pyproject.toml": "[tool.interrogate]\nfail-under = 80\n"},
                            "pyproject.toml [tool.interrogate]"),
            "Pylint's own configuration": ({".pylintrc": "[MAIN]\njobs = 1\n"},
                                           "Pylint's missing-function-docstring (commit "),
        }
        for name, (files, source) in cases.items():
            with self.subTest(name):
                self.tearDown()
                self.setUp()
                self.change(files)
                result, data = self.check("-v", "--format", "text")
                self.assertEqual(self.missing_findings(data), [("lib/tools.py", 4, "note", True)])
                self.assertEqual(data["missing_docstrings"], ["lib/tools.py:4 undocumented"])
                self.assertTrue(data["docstrings_required"])
                self.assertIn("codegate: debug: intent: a missing docstring is a finding: " + source, result.stderr)
                self.assertNotIn("no docstring to compare with", result.stdout)

    def test_require_docstrings_in_the_configuration(self):
        self.change(codegate_yml=NO_ANALYZERS + "intent:\n  require_docstrings: public\n")
        result, data = self.check("--format", "markdown")
        self.assertEqual(self.missing_findings(data), [("lib/tools.py", 4, "note", True)])
        self.assertTrue(data["docstrings_required"])
        self.assertIn("<details><summary>1 changed unit without a docstring</summary>", result.stdout)
        # The verdict where they are findings: --fail-level note fails on the missing one, as before.
        result, data = self.check("--fail-level", "note")
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertEqual([f["rule_id"] for f in data["findings"] if f["fails_gate"]], ["missing-docstring"])

    def test_one_finding_per_fact_with_pylint_running(self):
        # Pylint's own configuration asks: codegate's finding stays, Pylint's C0116 goes.
        self.change({".pylintrc": "[MAIN]\njobs = 1\n"}, codegate_yml="bandit:\n  enabled: false\n")
        _, data = self.check()
        rules = [(f["tool"], f["rule_id"], f["line"]) for f in data["findings"] if f["filter"]["reported"]]
        self.assertIn(("codegate", "missing-docstring", 4), rules)
        self.assertNotIn("C0116", [rule for _, rule, _ in rules])


if __name__ == "__main__":
    unittest.main()
