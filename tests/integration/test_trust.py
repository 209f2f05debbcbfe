"""Verdicts a team can trust: moved code, suppressions, modules outside the repository, one finding
per fact, and reports that say which line a finding was matched on. Real git repositories, the
real Pylint and Bandit, the real binary; each case fails without the rule it tests."""

import json
import os
import shutil
import tempfile
import unittest

from support import codegate
from support.gitrepo import GitRepo

RUN = '''def run(command):
    """Run a shell command and return its exit status."""
    return subprocess.call(command, shell=True)
'''

OTHER = '''def twice(value):
    """Return the value doubled."""
    return value * 2
'''

HEADER = '"""Helpers."""\nimport subprocess\n\n\n'


class TrustCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.out = tempfile.mkdtemp(prefix="codegate-trust-")

    def tearDown(self):
        self.repo.cleanup()
        shutil.rmtree(self.out, ignore_errors=True)

    def branch(self):
        self.base = self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")

    def check(self, *args):
        report = os.path.join(self.out, "r.json")
        result = codegate.run("check", "--repo", self.repo.path, "--base", "main", "--no-llm", "--json", report,
                              *args)
        with open(report, encoding="utf-8") as handle:
            return result, json.load(handle)

    @staticmethod
    def rules(report, predicate=lambda f: f["filter"]["reported"]):
        return [(f["tool"], f["rule_id"], f["path"], f["line"]) for f in report["findings"] if predicate(f)]


class MovedCode(TrustCase):
    def test_function_moved_to_another_file_is_already_in_the_base(self):
        self.repo.write("lib/__init__.py", "")
        self.repo.write("lib/tools.py", HEADER + RUN + "\n\n" + OTHER)
        self.branch()
        self.repo.write("lib/tools.py", '"""Helpers."""\n\n\n' + OTHER)
        self.repo.write("lib/shell.py", '"""Shell helpers."""\nimport subprocess\n\n\n' + RUN)
        self.repo.commit("move run() into its own module")

        result, report = self.check()
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        moved = [f for f in report["findings"] if f["rule_id"] == "B602"]
        self.assertEqual([(f["path"], f["line"], f["baseline"], f["unit"]) for f in moved],
                         [("lib/shell.py", 7, "existing", "run")])
        self.assertEqual(report["summary"]["in_base"], 2)  # B602 and B404 (import subprocess)
        self.assertIn("codegate: 0 findings reported, 2 already in the base; PASSED", result.stdout)
        self.assertIn("baseline: analysing 1 file of the base revision", result.stderr)

        result, report = self.check("--baseline", "none")
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn(("bandit", "B602", "lib/shell.py", 7), self.rules(report))
        self.assertEqual(report["baseline"], "none")

    def test_function_moved_within_its_file_is_already_in_the_base(self):
        self.repo.write("tools.py", HEADER + RUN + "\n\n" + OTHER)
        self.branch()
        self.repo.write("tools.py", HEADER + OTHER + "\n\n" + RUN)
        self.repo.commit("reorder")
        result, report = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertEqual(self.rules(report, lambda f: f["baseline"] == "existing"), [("bandit", "B602", "tools.py", 12)])

    def test_a_new_copy_beside_the_moved_code_still_fails(self):
        self.repo.write("tools.py", HEADER + RUN)
        self.branch()
        copy = RUN.replace("def run(", "def run_again(")
        self.repo.write("tools.py", HEADER + OTHER + "\n\n" + RUN + "\n\n" + copy)
        self.repo.commit("move and copy")
        result, report = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertEqual(self.rules(report, lambda f: f["fails_gate"]), [("bandit", "B602", "tools.py", 17)])
        self.assertIn("1 fails the gate", result.stdout)

    def test_file_mode_holds_the_whole_file_to_the_thresholds(self):
        self.repo.write("tools.py", HEADER + RUN)
        self.branch()
        self.repo.write("tools.py", HEADER + OTHER + "\n\n" + RUN)
        self.repo.commit("reorder")
        result, report = self.check("--filter-mode", "file")
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertEqual(report["baseline"], "none")


class Suppressions(TrustCase):
    def setUp(self):
        super().setUp()
        self.repo.write("tools.py", '"""Helpers."""\n\n\n' + OTHER)
        self.branch()

    def add_nosec(self):
        self.repo.write("tools.py", HEADER + RUN.replace("shell=True)", "shell=True)  # nosec B602"))
        self.repo.commit("silence bandit")

    def write_config(self, policy):
        self.repo.write(".codegate.yml", f"suppressions: {policy}\n")

    def test_a_nosec_the_change_adds_is_listed_and_does_not_fail_by_default(self):
        self.add_nosec()
        result, report = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        b602 = [f for f in report["findings"] if f["rule_id"] == "B602"][0]
        self.assertEqual(b602["suppression"], {"line": 7, "comment": "# nosec B602", "by": "change", "honoured": True})
        self.assertTrue(b602["filter"]["reported"])
        self.assertFalse(b602["fails_gate"])
        self.assertIn("    suppressed in this change by `# nosec B602` on line 7\n", result.stdout)
        self.assertIn("1 suppressed in this change; PASSED", result.stdout)
        self.assertEqual(report["summary"]["suppressed_in_change"], 1)

        sarif = os.path.join(self.out, "r.sarif")
        codegate.run("check", "--repo", self.repo.path, "--base", "main", "--no-llm", "--sarif", sarif)
        with open(sarif, encoding="utf-8") as handle:
            results = [r for run in json.load(handle)["runs"] for r in run["results"] if r["ruleId"] == "B602"]
        self.assertEqual(results[0]["suppressions"],
                         [{"kind": "inSource", "status": "accepted", "justification": "# nosec B602"}])

    def test_deny_new_fails_on_a_nosec_the_change_adds(self):
        self.add_nosec()
        self.write_config("deny-new")
        self.repo.commit("config")
        self.repo.git("checkout", "-q", "main")
        self.repo.write(".codegate.yml", "suppressions: deny-new\n")
        self.repo.commit("config on main too")
        self.repo.git("checkout", "-q", "feature")
        result, report = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn("; not honoured (suppressions: deny-new)", result.stdout)
        self.assertEqual(self.rules(report, lambda f: f["fails_gate"]), [("bandit", "B602", "tools.py", 7)])

    def test_honour_hides_it_but_keeps_it_in_the_json(self):
        self.add_nosec()
        self.write_config("honour")
        result, report = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertNotIn("B602", result.stdout)
        self.assertEqual(self.rules(report, lambda f: f["suppression"] is not None), [("bandit", "B602", "tools.py", 7)])

    def test_a_noqa_with_ruffs_code_is_a_suppression_accounted_like_nosec(self):
        # Ruff's and flake8-bandit's S<nnn> is Bandit's B<nnn>: S602 suppresses B602.
        self.repo.write("tools.py", HEADER + RUN.replace("shell=True)", "shell=True)  # noqa: S602 - by design"))
        self.repo.commit("silence ruff's bandit")
        result, report = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        b602 = [f for f in report["findings"] if f["rule_id"] == "B602"][0]
        self.assertEqual(b602["suppression"],
                         {"line": 7, "comment": "# noqa: S602 - by design", "by": "change", "honoured": True})
        self.assertIn("1 suppressed in this change; PASSED", result.stdout)
        # deny-new refuses it as it refuses a nosec the change adds.
        self.repo.write(".codegate.yml", "suppressions: deny-new\n")
        self.repo.commit("deny new suppressions")
        result, report = codegate.run("check", "--repo", self.repo.path, "--base", "main", "--no-llm",
                                      "--trusted-config-from", "HEAD"), None
        self.assertEqual(result.returncode, 1, result.stdout)

    def test_a_bare_noqa_or_another_code_suppresses_nothing(self):
        for comment in ("# noqa", "# noqa: E501", "# noqa: S60", "# noqa: S6021"):
            with self.subTest(comment):
                self.repo.write("tools.py", HEADER + RUN.replace("shell=True)", "shell=True)  " + comment))
                self.repo.commit("not a bandit suppression")
                result, report = self.check()
                self.assertEqual(result.returncode, 1, result.stdout)
                b602 = [f for f in report["findings"] if f["rule_id"] == "B602"][0]
                self.assertIsNone(b602["suppression"])

    def test_ruffs_own_comments_are_suppressions_accounted_like_nosec(self):
        # pipx's form (Ruff 0.15+): the S rule's name or code, which mirrors Bandit's B<nnn>.
        fetch = ('"""Fetch."""\nimport urllib.request\n\n\ndef fetch(url):\n    """Return the body."""\n'
                 '    return urllib.request.urlopen(url).read()  # ruff:ignore[suspicious-url-open-usage]\n')
        self.repo.write("fetch.py", fetch)
        self.repo.commit("silence ruff's bandit by name")
        result, report = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        b310 = [f for f in report["findings"] if f["rule_id"] == "B310"][0]
        self.assertEqual(b310["suppression"], {"line": 7, "comment": "# ruff:ignore[suspicious-url-open-usage]",
                                               "by": "change", "honoured": True})
        self.assertIn("    suppressed in this change by `# ruff:ignore[suspicious-url-open-usage]` on line 7\n",
                      result.stdout)
        # A range the change adds is the change's suppression too, and deny-new refuses it.
        self.repo.write("fetch.py", fetch.replace("    return urllib", "    # ruff: disable[S310]\n    return urllib")
                        .replace("  # ruff:ignore[suspicious-url-open-usage]", ""))
        self.repo.write(".codegate.yml", "suppressions: deny-new\n")
        self.repo.commit("a range, and deny new suppressions")
        result, report = self.check("--trusted-config-from", "HEAD")
        self.assertEqual(result.returncode, 1, result.stdout)
        b310 = [f for f in report["findings"] if f["rule_id"] == "B310"][0]
        self.assertEqual(b310["suppression"], {"line": 7, "comment": "# ruff: disable[S310]", "by": "change",
                                               "honoured": False})
        self.assertTrue(b310["fails_gate"])

    def test_a_url_whose_scheme_is_a_fixed_https_is_left_out_and_counted_the_rest_fails(self):
        # pipx 442568f4: Bandit's B310 asks whether the scheme may be file:/ or custom; with a
        # constant https URL it cannot be, and Ruff's S310 does not report it either.
        self.repo.write("fetch.py", '"""Fetch."""\nfrom typing import Final\nfrom urllib.request import urlopen\n\n'
                        'API: Final[str] = "https://api.github.com/repos/x/releases/latest"\n\n\n'
                        'def latest():\n    """Return the release index."""\n    return urlopen(API, timeout=5).read()\n'
                        '\n\ndef body(url):\n    """Return the body."""\n    return urlopen(url).read()\n')
        self.repo.commit("fetch the index")
        result, report = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertEqual(self.rules(report, lambda f: f["rule_id"] == "B310"), [("bandit", "B310", "fetch.py", 15)])
        self.assertIn("1 bandit/B310 finding not reported: the URL's scheme is a fixed http(s) there (a literal, or "
                      "a name bound once to one; Ruff's S310 reads it so): fetch.py:10", report["notes"])

    def test_a_ruff_file_ignore_in_the_base_hides_the_finding(self):
        self.repo.git("checkout", "-q", "main")
        self.repo.write("tools.py", '"""Helpers."""\n# ruff: file-ignore[S602]\nimport subprocess\n\n\n' + OTHER)
        self.repo.commit("the base ignores S602 in tools.py")
        self.repo.git("checkout", "-q", "feature")
        self.repo.git("merge", "-q", "main")
        self.repo.write("tools.py", '"""Helpers."""\n# ruff: file-ignore[S602]\nimport subprocess\n\n\n' + RUN)
        self.repo.commit("a shell call")
        result, report = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        b602 = [f for f in report["findings"] if f["rule_id"] == "B602"][0]
        self.assertEqual(b602["suppression"], {"line": 2, "comment": "# ruff: file-ignore[S602]", "by": "base",
                                               "honoured": True})
        self.assertFalse(b602["filter"]["reported"])

    def test_a_ruff_comment_for_another_rule_suppresses_nothing(self):
        for comment in ("# ruff: ignore[suspicious-url-open-usage]", "# ruff: ignore[S60]", "# ruff: ignore[B602]",
                        "# ruff: ignore[subprocess_popen_with_shell_equals_true]", "# Ruff: ignore[S602]"):
            with self.subTest(comment):
                self.repo.write("tools.py", HEADER + RUN.replace("shell=True)", "shell=True)  " + comment))
                self.repo.commit("not this rule")
                result, report = self.check()
                self.assertEqual(result.returncode, 1, result.stdout)
                b602 = [f for f in report["findings"] if f["rule_id"] == "B602"][0]
                self.assertIsNone(b602["suppression"])

    def test_codegate_ignore_suppresses_its_own_findings_only(self):
        self.repo.write(".codegate.yml", "intent:\n  require_docstrings: public\n")
        self.repo.write("tools.py", '"""Helpers."""\n\n\ndef bare(value):  # codegate: ignore[missing-docstring]\n'
                                    '    return value\n\n\ndef other(value):\n    return value\n')
        self.repo.commit("an undocumented function, ignored")
        _, report = self.check()
        missing = {f["line"]: f["suppression"] for f in report["findings"] if f["rule_id"] == "missing-docstring"}
        self.assertEqual(missing[4], {"line": 4, "comment": "# codegate: ignore[missing-docstring]", "by": "change",
                                      "honoured": True})
        self.assertIsNone(missing[8])

    def test_a_nosec_for_another_test_does_not_cover_the_finding(self):
        self.repo.write("tools.py", HEADER + RUN.replace("shell=True)", "shell=True)  # nosec B101"))
        self.repo.commit("a nosec for the wrong test")
        result, _ = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)

    def test_a_pylint_disable_the_change_adds_is_listed_and_denied_under_deny_new(self):
        self.repo.write("tools.py", '"""Helpers."""\n\n\ndef broken():\n    """Return a name."""\n'
                        "    return undefined_name  # pylint: disable=undefined-variable\n")
        self.repo.commit("silence pylint")
        result, report = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        e0602 = [f for f in report["findings"] if f["rule_id"] == "E0602"]
        self.assertEqual([(f["rule_name"], f["tool_severity"], f["message"], f["suppression"]["by"]) for f in e0602],
                         [("undefined-variable", "error", "Undefined variable", "change")])
        self.assertIn("suppressed in this change by `# pylint: disable=undefined-variable` on line 6", result.stdout)

        self.write_config("deny-new")
        result, _ = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)


class ModulesOutsideTheRepository(TrustCase):
    """poetry's layout: src/poetry has no __init__.py (poetry-core installs poetry.core into the
    same namespace) and has a poetry.py, which Pylint 2.16 takes for the package."""

    def setUp(self):
        super().setUp()
        self.repo.write("src/poetry/poetry.py", '"""The Poetry object."""\n')
        self.repo.write("src/poetry/factory.py", '"""Factory."""\n\n\ndef make():\n    """Make one."""\n    return 1\n')
        self.repo.write("src/poetry/console/__init__.py", "")
        self.repo.write("src/poetry/console/base.py", '"""Base."""\n\n\nclass Command:\n    """A command."""\n')
        self.branch()

    def test_a_namespace_package_from_another_distribution_does_not_fail(self):
        self.repo.write("src/poetry/console/tags.py", '''"""Tags."""
from poetry.core.packages.package import Package
from poetry.console.base import Command


class Tags(Command):
    """Print the tags of a package."""

    def handle(self, name):
        """Return the package called name."""
        return Package(name)
''')
        self.repo.commit("new command")
        result, report = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        advisory = {f["message"]: f["advisory"] for f in report["findings"] if "advisory" in f}
        self.assertEqual(advisory, {
            "No name 'core' in module 'poetry'": "'poetry.core' is not part of the repository, and the gate's "
                                                 "machine does not have the project's dependencies, so Pylint "
                                                 "could not inspect it",
            "No name 'console' in module 'poetry'": "the repository has 'poetry.console', but Pylint resolved "
                                                    "its package to another module (a namespace-package layout)",
        })
        self.assertIn("    cannot fail the gate: 'poetry.core' is not part of the repository", result.stdout)

    def test_a_name_missing_from_a_regular_repository_package_still_fails(self):
        self.repo.write("mylib/__init__.py", "")
        self.repo.write("mylib/base.py", '"""Base."""\n\nVALUE = 1\n')
        self.repo.write("mylib/use.py", '"""Use."""\nfrom mylib.base import Missing\n\nVALUE = Missing\n')
        self.repo.commit("a typo")
        result, report = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertEqual(self.rules(report, lambda f: f["fails_gate"]), [("pylint", "E0611", "mylib/use.py", 2)])


class Reports(TrustCase):
    def test_one_finding_for_a_missing_docstring(self):
        self.repo.write(".codegate.yml", "intent:\n  require_docstrings: public\n")
        self.repo.write("tools.py", '"""Helpers."""\n')
        self.branch()
        self.repo.write("tools.py", '"""Helpers."""\n\n\ndef add(first, second):\n    return first + second\n')
        self.repo.commit("no docstring")
        _, report = self.check()
        self.assertEqual(self.rules(report), [("codegate", "missing-docstring", "tools.py", 4)])

    def test_a_note_repeated_through_a_file_is_one_line_of_the_text_report_and_each_in_the_json(self):
        # fastapi's scripts/: the same low B603 (and B607) on every subprocess call of a script.
        self.repo.write("tools.py", '"""Helpers."""\n')
        self.branch()
        calls = "".join(f'    subprocess.run(["git", "{verb}"], check=True)\n' for verb in ("add", "commit", "push"))
        self.repo.write("tools.py", '"""Helpers."""\nimport subprocess\n\n\n'
                                    'def release():\n    """Tag and push."""\n' + calls)
        self.repo.commit("a release script")
        result, report = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertEqual(sorted((f["rule_id"], f["line"]) for f in report["findings"] if f["filter"]["reported"]),
                         [("B404", 2), ("B603", 7), ("B603", 8), ("B603", 9), ("B607", 7), ("B607", 8), ("B607", 9)])
        # (the column is Bandit's generation's: 1 or 5)
        self.assertIn(": note [bandit B603 subprocess_without_shell_equals_true CWE-78] subprocess call "
                      "- check for execution of untrusted input.\n  7 |     subprocess.run([\"git\", \"add\"], "
                      "check=True)\n    3 times in this file: lines 7, 8, 9\n", result.stdout)
        self.assertEqual(result.stdout.count("times in this file"), 2)
        self.assertIn("codegate: 7 findings reported", result.stdout)

    def test_a_finding_matched_on_a_later_line_of_its_region_says_so(self):
        # Pylint's E1120 spans the whole call; only its middle line changes.
        code = '''"""Helpers."""


def add(first, second):
    """Return the sum of two numbers."""
    return first + second


TOTAL = add(
    {},
)
'''
        self.repo.write("tools.py", code.format("1, 2"))
        self.branch()
        self.repo.write("tools.py", code.format("1"))
        self.repo.commit("drop an argument")
        result, report = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        e1120 = [f for f in report["findings"] if f["rule_id"] == "E1120"][0]
        self.assertEqual((e1120["line"], e1120["end_line"], e1120["filter"]["matched_lines"]), (9, 11, [10]))
        self.assertIn("tools.py:9:9: error [pylint E1120 no-value-for-parameter]", result.stdout)
        self.assertIn("\n    9:9, region to 11; line 10 added\n", result.stdout)

    def test_findings_outside_the_added_lines_are_counted_as_such(self):
        self.repo.write("tools.py", HEADER + RUN)
        self.branch()
        self.repo.write("tools.py", HEADER + RUN + "\n\n" + OTHER)
        self.repo.commit("add a function")
        result, report = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("codegate: 0 findings reported, 2 outside the added lines; PASSED", result.stdout)
        self.assertEqual(report["summary"]["outside_diff"], 2)


if __name__ == "__main__":
    unittest.main()
