"""What code is (issue "Signal on real pull requests"): file roles from what the project already
tells its other tools, and what test code is held to. Real git repositories, the real binary, the
real Pylint and Bandit; configuration files as projects write them."""

import json
import os
import tempfile
import unittest

from support import codegate
from support.gitrepo import GitRepo

# Bandit B602 (fails in product code) on line 6.
SHELL = '''"""Run things."""
import subprocess


def run(cmd):
    return subprocess.call(cmd, shell=True)
'''

# A pytest module: assert (B101), no docstrings, a fixture-set attribute (E1101), eval (B307).
PYTEST = '''import subprocess


def test_ok():
    assert subprocess.call("true", shell=True) == 0


class TestGossip:
    def test_app(self):
        assert self.app.name == "x"
'''


class RolesCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.out = tempfile.mkdtemp(prefix="codegate-roles-")

    def tearDown(self):
        self.repo.cleanup()

    def base(self, files=None):
        self.repo.write("README.md", "project\n")
        for name, content in (files or {}).items():
            self.repo.write(name, content)
        self.repo.commit("base")
        self.repo.git("tag", "base")

    def change(self, files):
        for name, content in files.items():
            self.repo.write(name, content)
        self.repo.commit("change")

    def check(self, *args):
        report = os.path.join(self.out, "r.json")
        sarif = os.path.join(self.out, "r.sarif")
        result = codegate.run("check", "--repo", self.repo.path, "--base", "base", "--no-llm", "--json", report,
                              "--sarif", sarif, *args, env={"CI": "true"})
        with open(report, encoding="utf-8") as handle:
            data = json.load(handle)
        with open(sarif, encoding="utf-8") as handle:
            self.sarif = json.load(handle)
        return result, data

    @staticmethod
    def found(data, path):
        return sorted((f["rule_id"], f["fails_gate"], f.get("role", ""), bool(f.get("advisory")))
                      for f in data["findings"] if f["path"] == path)


class TheSameCodeInTwoRoles(RolesCase):
    def test_vulnerable_code_fails_as_product_and_is_advisory_as_a_test(self):
        self.base()
        self.change({"app/run.py": SHELL, "tests/test_run.py": SHELL})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn(("B602", True, "", False), self.found(data, "app/run.py"))
        self.assertIn(("B602", False, "test", True), self.found(data, "tests/test_run.py"))
        failing = [f["path"] for f in data["findings"] if f["fails_gate"]]
        self.assertEqual(failing, ["app/run.py"])
        # SARIF: the test file's result is a note with its role.
        results = [r for run in self.sarif["runs"] for r in run["results"] if r["ruleId"] == "B602"]
        by_path = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in results}
        self.assertEqual(by_path["tests/test_run.py"]["level"], "note")
        self.assertEqual(by_path["tests/test_run.py"]["properties"]["role"], "test")
        self.assertEqual(by_path["app/run.py"]["level"], "error")
        self.assertNotIn("role", by_path["app/run.py"]["properties"])

    def test_a_pytest_module_passes_with_its_findings_advisory_and_counted(self):
        self.base()
        self.change({"tests/test_gossip.py": PYTEST})
        result, data = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        rules = {rule for rule, *_ in self.found(data, "tests/test_gossip.py")}
        self.assertNotIn("B101", rules)  # not run on test code
        self.assertNotIn("missing-docstring", rules)
        self.assertIn(("E1101", False, "test", True), self.found(data, "tests/test_gossip.py"))
        # Bandit's low-severity findings are counted (a shell=True on a literal is B602 at low
        # severity); the project asks for no docstrings, so missing ones are no findings at all.
        self.assertIn("1 file is test code; 1 of its findings advisory; not reported there (test_code.skip, "
                      "require_docstrings): 2 bandit/B101; low severity, counted, not listed "
                      "(test_code.skip_low_severity): 1 bandit/B404, 1 bandit/B602, 1 bandit/B607", data["notes"])
        self.assertEqual(data["missing_docstrings"], [])

    def test_a_syntax_error_still_fails_in_a_test(self):
        # A test module that does not parse is not analysed: it fails in every role.
        self.base()
        self.change({"tests/test_broken.py": "def test_x(:\n    pass\n"})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn("not-analysed", [f["rule_id"] for f in data["findings"] if f["fails_gate"]])

    def test_a_redefined_test_still_fails(self):
        # E0102: the first definition never runs; not an inference error, so not advisory.
        self.base()
        self.change({"tests/test_twice.py": '"""T."""\n\n\ndef test_a():\n    """A."""\n\n\n'
                                            'def test_a():  # noqa\n    """Again."""\n'})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn(("E0102", True, "test", False), self.found(data, "tests/test_twice.py"))


class RoleSources(RolesCase):
    def test_pytest_settings_name_the_test_files(self):
        # pytest collects check_*.py under checks/ only: a helper there, or a check_*.py elsewhere,
        # is not a test module (issue 33: settings read as pytest reads them).
        self.base({"pyproject.toml": '[tool.pytest.ini_options]\ntestpaths = ["checks"]\npython_files = "check_*.py"\n'})
        self.change({"checks/check_x.py": SHELL, "checks/helpers.py": SHELL, "pkg/check_x.py": SHELL})
        _, data = self.check()
        self.assertIn(("B602", False, "test", True), self.found(data, "checks/check_x.py"))
        self.assertIn(("B602", True, "", False), self.found(data, "checks/helpers.py"))
        self.assertIn(("B602", True, "", False), self.found(data, "pkg/check_x.py"))
        advisory = {f["path"]: f.get("advisory", "") for f in data["findings"] if f["rule_id"] == "B602"}
        self.assertIn("pytest python_files in pyproject.toml", advisory["checks/check_x.py"])

    def test_setup_cfg_and_tox_ini_pytest_sections(self):
        self.base({"setup.cfg": "[metadata]\nname = x\n\n[tool:pytest]\ntestpaths =\n    itests\n    more\n"})
        self.change({"more/test_run.py": SHELL, "tests/test_outside.py": SHELL})
        _, data = self.check()
        self.assertIn(("B602", False, "test", True), self.found(data, "more/test_run.py"))
        self.assertIn(("B602", True, "", False), self.found(data, "tests/test_outside.py"))  # not under testpaths

    def test_excludes_the_project_keeps_from_its_linters_are_skipped_and_named(self):
        self.base({
            ".pre-commit-config.yaml": "exclude: |\n  (?x)^(\n    tests/data/.*|  # formatter inputs\n"
                                       "    docs/conf\\.py\n  )$\nrepos: []\n",
            "pyproject.toml": '[tool.ruff]\nextend-exclude = ["build_helpers"]\n',
            ".gitattributes": "vendor/** linguist-vendored\napi/*_pb2.py linguist-generated=true\n",
        })
        self.change({"tests/data/case.py": "print(undefined_name)\n", "docs/conf.py": SHELL,
                     "tools/build_helpers/x.py": SHELL, "vendor/lib.py": SHELL, "api/x_pb2.py": SHELL,
                     "app/run.py": '"""Clean."""\n'})
        result, data = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertEqual(data["checked_files"], ["app/run.py"])
        for note in ("skipped tests/data/case.py: excluded by .pre-commit-config.yaml exclude",
                     "skipped docs/conf.py: excluded by .pre-commit-config.yaml exclude",
                     "skipped tools/build_helpers/x.py: excluded by pyproject.toml [tool.ruff] exclude",
                     "skipped vendor/lib.py: vendored code (.gitattributes linguist-vendored)",
                     "skipped api/x_pb2.py: generated code (.gitattributes linguist-generated)"):
            self.assertIn(note, data["notes"])

    def test_pytest_ini_and_bandits_exclude_dirs(self):
        self.base({"pytest.ini": "[pytest]\ntestpaths = qa\n", ".codegate.yml": "bandit:\n  config: bandit.yml\n",
                   "bandit.yml": "exclude_dirs: ['./benchmarks/']\n"})
        self.change({"qa/test_run.py": SHELL, "benchmarks/run.py": SHELL})
        _, data = self.check()
        self.assertIn(("B602", False, "test", True), self.found(data, "qa/test_run.py"))
        self.assertIn("skipped benchmarks/run.py: excluded by bandit.yml exclude_dirs", data["notes"])

    def test_the_rules_ruff_ignores_for_some_files_are_bandit_skips_there_counted_in_a_note(self):
        self.base({"pyproject.toml": '[tool.ruff.lint]\nselect = ["S"]\n\n[tool.ruff.lint.per-file-ignores]\n'
                                     '"scripts/**" = ["S602", "suspicious-subprocess-import"]\n'})
        # The change's own Ruff configuration does not count: CI reads it from the base.
        self.change({"scripts/release.py": SHELL, "app/run.py": SHELL,
                     "pyproject.toml": '[tool.ruff.lint]\nignore = ["S"]\n'})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        # Ruff selects S only: the project does not ask for docstrings, so none is missing.
        self.assertEqual(self.found(data, "scripts/release.py"), [])
        self.assertEqual(self.found(data, "app/run.py"), [("B404", False, "", False), ("B602", True, "", False)])
        self.assertIn("2 findings not reported: the project's Ruff configuration ignores their rules there "
                      "(pyproject.toml [tool.ruff]: lint.per-file-ignores \"scripts/**\"): 1 bandit/B404 (S404), "
                      "1 bandit/B602 (S602)", data["notes"])

    def test_pylints_mirrors_of_pyflakes_rules_follow_the_noqa_and_the_ruff_ignores(self):
        # requests #7497: `import socket  # noqa: F401` keeps an import for its users; Ruff ignores
        # F401 in requests' compat.py. Pylint's unused-import is the same fact.
        self.base({"pyproject.toml": '[tool.ruff.lint]\nselect = ["F"]\n\n[tool.ruff.lint.per-file-ignores]\n'
                                     '"pkg/compat.py" = ["F401"]\n'})
        self.change({"pkg/compat.py": '"""Compatibility names."""\nimport json\n',
                     "pkg/net.py": '"""Network."""\nimport socket  # noqa: F401\nimport os\n'})
        result, data = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertEqual(self.found(data, "pkg/compat.py"), [])
        unused = sorted((f["line"], (f["suppression"] or {}).get("comment"), f["filter"]["reported"])
                        for f in data["findings"] if f["path"] == "pkg/net.py" and f["rule_id"] == "W0611")
        self.assertEqual(unused, [(2, "# noqa: F401", True), (3, None, True)])  # the change's suppression is listed
        self.assertIn("1 finding not reported: the project's Ruff configuration ignores their rules there "
                      "(pyproject.toml [tool.ruff]: lint.per-file-ignores \"pkg/compat.py\"): 1 pylint/W0611 (F401)",
                      data["notes"])

    def test_the_change_cannot_exclude_itself(self):
        # CI reads the role sources from the base: a .pre-commit-config.yaml the change adds does not count.
        self.base()
        self.change({".pre-commit-config.yaml": "exclude: ^app/\nrepos: []\n", "app/run.py": SHELL})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn(("B602", True, "", False), self.found(data, "app/run.py"))

    def test_a_generated_marker_counts_only_when_the_base_had_it(self):
        marked = "# @generated by protoc. DO NOT EDIT.\n"
        self.base({"api/old_pb2.py": marked + '"""Old."""\n'})
        self.change({"api/old_pb2.py": marked + SHELL, "api/new_pb2.py": marked + SHELL})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn("skipped api/old_pb2.py: generated code (a generated-code marker in its first lines, at the "
                      "base too)", data["notes"])
        self.assertIn(("B602", True, "", False), self.found(data, "api/new_pb2.py"))
        self.assertIn("api/new_pb2.py says it is generated, but did not at the base revision: analysed as product code "
                      "(a change cannot declare its own code generated; .gitattributes linguist-generated or roles: "
                      "generated: in .codegate.yml can)", data["notes"])

    def test_codegate_roles_override(self):
        self.base({".codegate.yml": "roles:\n  product: [tests/fixtures_lib/**]\n  test: [qa/**]\n"
                                    "  excluded: [scratch/**]\n"})
        self.change({"tests/fixtures_lib/run.py": SHELL, "qa/run.py": SHELL, "scratch/run.py": SHELL})
        _, data = self.check()
        self.assertIn(("B602", True, "", False), self.found(data, "tests/fixtures_lib/run.py"))
        self.assertIn(("B602", False, "test", True), self.found(data, "qa/run.py"))
        self.assertIn("skipped scratch/run.py: excluded by roles: excluded in the configuration", data["notes"])

    def test_test_code_policy_is_configurable(self):
        self.base({".codegate.yml": "test_code:\n  skip: []\n  advisory: []\n  require_docstrings: public\n"})
        self.change({"tests/test_run.py": SHELL})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn(("B602", True, "test", False), self.found(data, "tests/test_run.py"))


# A test that starts processes: Bandit's low-severity B404 (line 1), B603 and B607 (line 5, git by
# name); B602 (shell=True on a formatted string, high) on line 9.
RUNS = '''import subprocess


def test_status():
    subprocess.run(["git", "status"], check=True)


def test_shell(tmp_path):
    subprocess.run(f"ls {tmp_path}", shell=True, check=True)
'''


class LowSeverityInTests(RolesCase):
    def test_low_severity_bandit_notes_are_counted_not_listed(self):
        self.base()
        self.change({"tests/test_runs.py": RUNS, "app/runs.py": RUNS.replace("def test_", "def run_")})
        result, data = self.check("--format", "text")
        self.assertEqual(result.returncode, 1, result.stdout)  # app/runs.py's B602 fails
        # Test code: the high-severity B602 stays, advisory; the low ones are counted.
        self.assertEqual([r for r in self.found(data, "tests/test_runs.py") if r[0].startswith("B")],
                         [("B602", False, "test", True)])
        note = ("1 file is test code; 1 of its findings advisory; low severity, counted, not listed "
                "(test_code.skip_low_severity): 1 bandit/B404, 1 bandit/B603, 1 bandit/B607")
        self.assertIn(note, data["notes"])
        self.assertIn("codegate: " + note + "\n", result.stdout)
        self.assertNotIn("tests/test_runs.py:5", result.stdout)
        # SARIF lists none of them either.
        uris = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
                for run in self.sarif["runs"] for r in run["results"]}
        self.assertEqual({rule for rule, uri in uris if uri == "tests/test_runs.py"}, {"B602"})
        # The same code in product code keeps every one of them.
        self.assertEqual({rule for rule, uri in uris if uri == "app/runs.py" and rule.startswith("B")},
                         {"B404", "B602", "B603", "B607"})

    def test_skip_low_severity_false_lists_them(self):
        self.base({".codegate.yml": "test_code:\n  skip_low_severity: false\n"})
        self.change({"tests/test_runs.py": RUNS})
        result, data = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertEqual([r for r in self.found(data, "tests/test_runs.py") if r[0].startswith("B")],
                         [("B404", False, "test", True), ("B602", False, "test", True), ("B603", False, "test", True),
                          ("B607", False, "test", True)])
        self.assertFalse([n for n in data["notes"] if "skip_low_severity" in n])


class ImportGuard(RolesCase):
    def test_a_test_file_product_code_imports_is_product_code(self):
        self.base({"app/__init__.py": "", "tests/__init__.py": ""})
        self.change({"tests/helpers.py": SHELL,
                     "app/main.py": '"""Main."""\nfrom tests.helpers import run\n\n\ndef main():\n'
                                    '    """Run ls."""\n    return run("ls")\n'})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn(("B602", True, "", False), self.found(data, "tests/helpers.py"))
        self.assertIn("tests/helpers.py is analysed as product code: app/main.py imports it", data["notes"])

    def test_a_relative_import_from_product_code_counts_too(self):
        self.base({"pkg/__init__.py": "", "pkg/tests/__init__.py": ""})
        self.change({"pkg/tests/util.py": SHELL, "pkg/core.py": '"""Core."""\nfrom .tests import util\n'})
        _, data = self.check()
        self.assertIn(("B602", True, "", False), self.found(data, "pkg/tests/util.py"))

    def test_tests_importing_tests_stay_tests(self):
        self.base({"tests/__init__.py": ""})
        self.change({"tests/helpers.py": SHELL, "tests/test_main.py": "from tests.helpers import run\n"})
        _, data = self.check()
        self.assertIn(("B602", False, "test", True), self.found(data, "tests/helpers.py"))



class ProjectConfiguration(RolesCase):
    def test_a_pylint_plugin_the_gate_lacks_is_a_note_and_no_report_holds_a_temporary_path(self):
        self.base({"pyproject.toml": '[tool.pylint.main]\nload-plugins = ["pylint_django"]\n'
                                     'django-settings-module = "site.settings"\n'})
        self.change({"app/run.py": '"""Clean."""\n'})
        markdown = os.path.join(self.out, "r.md")
        result, data = self.check("--markdown", markdown)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual([f for f in data["findings"] if f["tool"] == "pylint"], [])
        notes = [n for n in data["notes"] if n.startswith("pylint: ")]
        self.assertEqual(len(notes), 2, data["notes"])
        self.assertTrue(notes[0].startswith("pylint: Plugin 'pylint_django' is impossible to load") or
                        notes[1].startswith("pylint: Plugin 'pylint_django' is impossible to load"), notes)
        self.assertTrue(any("django-settings-module" in n and "Pylint ignored it" in n for n in notes), notes)
        with open(markdown, encoding="utf-8") as handle:
            texts = [result.stdout, result.stderr, json.dumps(data), json.dumps(self.sarif), handle.read()]
        for text in texts:
            self.assertNotIn("codegate-ws.", text)
        # No empty lines on stderr.
        self.assertNotIn("\n\n", result.stderr)
        self.assertFalse(result.stderr.startswith("\n"))


    def test_pylint_conventions_run_only_for_a_project_that_configures_pylint(self):
        source = '"""Run."""\nlowerCase = 1  # TODO: rename\n\n\ndef F():\n    """F."""\n'
        self.base()
        self.change({"app/run.py": source})
        _, data = self.check()
        self.assertEqual([f["rule_id"] for f in data["findings"] if f["tool"] == "pylint"], [])
        verbose = codegate.run("check", "-v", "--repo", self.repo.path, "--base", "base", "--no-llm")
        self.assertIn("codegate: debug: pylint: conventions, refactoring advice and TODO reminders (C, R, fixme) not "
                      "run: the project has no Pylint configuration of its own (pylint.conventions: true runs them)",
                      verbose.stderr)
        # A Pylint configuration of the project's own, pylint.conventions: true, or a fail_on that
        # names conventions runs them.
        for config in ({".pylintrc": "[MAIN]\n"}, {".codegate.yml": "pylint:\n  conventions: true\n"},
                       {".codegate.yml": "pylint:\n  fail_on: [error, convention]\n"}):
            with self.subTest(config=config):
                self.repo.git("checkout", "-q", "base")
                self.repo.git("checkout", "-q", "-B", "with-config")
                for name, content in config.items():
                    self.repo.write(name, content)
                self.repo.commit("configure pylint")
                self.repo.git("tag", "-f", "base")
                self.repo.write("app/run.py", source)
                self.repo.commit("change")
                _, data = self.check()
                self.assertIn("C0103", [f["rule_id"] for f in data["findings"] if f["tool"] == "pylint"])
                self.assertIn("W0511", [f["rule_id"] for f in data["findings"] if f["tool"] == "pylint"])


if __name__ == "__main__":
    unittest.main()
