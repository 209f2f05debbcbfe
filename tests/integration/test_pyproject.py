"""[tool.codegate] in pyproject.toml, and [tool.bandit] for Bandit >= 1.7, through the real binary."""

import json
import os
import subprocess
import unittest

from support import codegate
from support.gitrepo import GitRepo
from support.samples import CLEAN, VULNERABLE


def bandit_reads_toml():
    """Bandit >= 1.7 reads [tool.bandit] from a .toml given with -c (Debian 13); 1.6 (Debian 12) does not."""
    try:
        out = subprocess.run(["bandit", "--version"], capture_output=True, text=True, timeout=60).stdout
    except OSError:
        return False
    major, minor = (int(part) for part in out.split()[1].split(".")[:2])
    return (major, minor) >= (1, 7)


class PyprojectConfiguration(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.repo.write("lib/__init__.py", "")
        self.repo.write("lib/util.py", CLEAN)

    def tearDown(self):
        self.repo.cleanup()

    def branch(self):
        self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("add shell helper")

    def check(self, *args, env=None):
        report = os.path.join(self.repo.path, "..", os.path.basename(self.repo.path) + "-report.json")
        result = codegate.run("check", "--repo", self.repo.path, "--base", "main", "--no-llm", "--json", report,
                              *args, env=env)
        notes = []
        if os.path.exists(report):
            with open(report, encoding="utf-8") as handle:
                notes = json.load(handle)["notes"]
            os.remove(report)
        return result, notes

    def test_tool_codegate_configures_the_gate(self):
        self.repo.write("pyproject.toml", '[project]\nname = "app"\n\n[tool.codegate]\nfail_level = "none"\n')
        self.branch()
        result, _ = self.check()
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("B602", result.stdout)

    def test_a_pyproject_without_the_table_changes_nothing(self):
        self.repo.write("pyproject.toml", '[project]\nname = "app"\n[tool.black]\nline-length = 100\n')
        self.branch()
        result, _ = self.check()
        self.assertEqual(result.returncode, 1, result.stderr)

    def test_errors_name_file_line_column_and_key(self):
        self.repo.write("pyproject.toml", '[tool.codegate]\njobs = 2\n\n[tool.codegate.bandit]\nseverity = "severe"\n')
        self.branch()
        result, _ = self.check()
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("pyproject.toml:5:12: 'bandit.severity' must be one of high, low, medium, not 'severe'",
                      result.stderr)

    def test_invalid_toml_names_its_position(self):
        self.repo.write("pyproject.toml", '[tool.codegate]\njobs = = 2\n')
        self.branch()
        result, _ = self.check()
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertRegex(result.stderr, r"codegate: error: pyproject\.toml:2:\d+: invalid TOML")

    def test_deep_keys_and_tables_are_refused_with_their_position(self):
        # 10. A 15,000-part dotted key in [tool.codegate], a 100,000-deep array anywhere in a
        # pyproject.toml that mentions codegate: exit 2 naming the place, never a crash.
        cases = {
            "[tool.codegate]\njobs = 2\n" + ".".join(["a"] * 15000) + " = 1\n": "pyproject.toml:3:129: a dotted key",
            "[tool.codegate]\njobs = 2\n[tool.other]\nx = " + "[" * 100000 + "]" * 100000 + "\n":
                "pyproject.toml:4:69: arrays or tables nested deeper than 64",
            "[tool.codegate." + ".".join(['"q"'] * 1000) + "]\n": "pyproject.toml:1:",
            "[tool.codegate]\nx = {" + "a = {" * 70 + "}" * 71 + "\n": "pyproject.toml:2:",
        }
        self.branch()
        for text, expected in cases.items():
            self.repo.write("pyproject.toml", text)
            result = codegate.run("check", "--repo", self.repo.path, "--base", "main", "--no-llm")
            self.assertEqual(result.returncode, 2, result.stderr[-2000:])
            self.assertIn("codegate: error: " + expected, result.stderr)
            self.assertIn("(codegate reads at most 64 levels)", result.stderr)
        # Arrays of floats and dates are values, not keys, however many there are.
        floats = ", ".join(f"{n}.5" for n in range(500))
        self.repo.write("pyproject.toml", f"[tool.codegate]\nfail_level = \"none\"\n[tool.x]\nv = [{floats}]\n"
                                          "d = 1979-05-27T07:32:00.999\n")
        result = codegate.run("check", "--repo", self.repo.path, "--base", "main", "--no-llm")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_codegate_yml_wins_and_a_note_says_so(self):
        self.repo.write("pyproject.toml", '[tool.codegate]\nfail_level = "none"\n')
        self.repo.write(".codegate.yml", "jobs: 1\n")
        self.branch()
        result, notes = self.check()
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("pyproject.toml's [tool.codegate] was ignored: .codegate.yml takes precedence", notes)

    def test_ci_reads_pyproject_from_the_base_revision(self):
        self.repo.write("pyproject.toml", '[project]\nname = "app"\n')
        self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")
        self.repo.write("pyproject.toml", '[project]\nname = "app"\n\n[tool.codegate]\nfail_level = "none"\n')
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("turn the gate off from the pull request")
        result, _ = self.check(env={"CI": "true"})
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("configuration read from commit", result.stderr)
        # Locally the working tree's configuration applies.
        local, _ = self.check()
        self.assertEqual(local.returncode, 0, local.stderr)

    def test_explicit_config_may_be_a_pyproject(self):
        self.repo.write("settings/gate.toml", '[tool.codegate]\nfail_level = "none"\n')
        self.branch()
        result, _ = self.check("--config", "settings/gate.toml")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.repo.write("settings/none.toml", '[tool.other]\nx = 1\n')
        result, _ = self.check("--config", "settings/none.toml")
        self.assertEqual(result.returncode, 2)
        self.assertIn("has no [tool.codegate] table", result.stderr)

    def test_tool_bandit_is_passed_to_bandit_1_7_and_named_for_1_6(self):
        self.repo.write("pyproject.toml", '[tool.bandit]\nskips = ["B602"]\n')
        self.branch()
        result, notes = self.check()
        if bandit_reads_toml():
            self.assertEqual(result.returncode, 1, result.stderr)  # Pylint's E0602 still fails
            self.assertNotIn("B602", result.stdout)
        else:
            self.assertIn("B602", result.stdout)
            self.assertTrue(any("cannot read [tool.bandit] from pyproject.toml" in note for note in notes), notes)


if __name__ == "__main__":
    unittest.main()
