"""SARIF from a real `codegate check` run validates with Microsoft's SARIF Multitool.

Builds a throwaway git repository whose head commit adds a Python file with a shell-injection
call (Bandit B602, CWE-78) and an undefined name (Pylint E0602), runs the real binary on it
(CODEGATE_BIN) and validates the SARIF it wrote with `sarif-multitool validate --rule-kind
"Sarif;Gh"`, the rules GitHub code scanning applies on upload. The multitool is installed by
scripts/install-sarif-multitool; without it the validation test is skipped, saying so.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

SOURCE = """\
import subprocess


def run(cmd):
    subprocess.call(cmd, shell=True)
    return undefined_name
"""


def find_multitool():
    """The wrapper the install script prints, wherever it was installed."""
    candidates = [
        os.environ.get("SARIF_MULTITOOL", ""),
        str(Path(os.environ.get("CODEGATE_TOOLS_DIR", REPO_ROOT / ".tools")) / "bin" / "sarif-multitool"),
        "/opt/codegate-tools/bin/sarif-multitool",
        shutil.which("sarif-multitool") or "",
    ]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def git(repo, *args):
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.com",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    return subprocess.run(["git", "-C", str(repo), *args], check=True, env=env,
                          capture_output=True, text=True).stdout.strip()


def validate(multitool, sarif_path, log_path):
    """Runs the multitool; returns (errors, warnings, console output).

    SARIF Multitool 5.7.0 exits 0 even when it reports errors, so the outcome is read from the
    SARIF log it writes (-o): a result with level "error" is an error, one without a level or with
    "warning" a warning. The console lines ("FILE(l,c): error GH1015: ...") are kept for messages.
    """
    proc = subprocess.run(
        [multitool, "validate", str(sarif_path), "--rule-kind", "Sarif;Gh",
         "--output", str(log_path), "--log", "ForceOverwrite"],
        capture_output=True, text=True, timeout=300)
    console = proc.stdout + proc.stderr
    if proc.returncode != 0 or not log_path.is_file():
        raise AssertionError(f"sarif-multitool failed (exit {proc.returncode}):\n{console}")
    log = json.loads(log_path.read_text(encoding="utf-8-sig"))
    errors, warnings = [], []
    for run in log.get("runs", []):
        for result in run.get("results", []):
            level = result.get("level", "warning")
            line = f'{result.get("ruleId")}: {result.get("message", {})}'
            if level == "error":
                errors.append(line)
            elif level == "warning":
                warnings.append(line)
    if not errors:
        # The console is the documented output: an error printed there counts even if the log
        # format ever changes under us.
        errors = [line for line in console.splitlines() if re.search(r": error [A-Z]+[0-9]+: ", line)]
    return errors, warnings, console


def require_multitool(test):
    multitool = find_multitool()
    if multitool is None:
        test.skipTest("SARIF Multitool is not installed; run scripts/install-sarif-multitool "
                      "(or set SARIF_MULTITOOL to its wrapper)")
    return multitool


def assert_valid(test, multitool, sarif_path, log_path):
    errors, warnings, console = validate(multitool, sarif_path, log_path)
    test.assertEqual(errors, [], console)
    test.assertEqual([w for w in warnings if w.startswith("GH")], [], console)
    if warnings:
        print(f"\nsarif-multitool warnings for {sarif_path.name}:\n" + "\n".join(warnings))


class GoldenSarifValidationTest(unittest.TestCase):
    """The unit tests' golden SARIF covers what a small fixture repository does not: a codegate
    run, a skipped tool's note, and a path with a space and a non-ASCII letter."""

    def test_golden_sarif_passes_the_multitool(self):
        multitool = require_multitool(self)
        golden = REPO_ROOT / "tests" / "unit" / "golden" / "report.sarif"
        text = golden.read_text(encoding="utf-8").replace("@CODEGATE_VERSION@", "0.0.0")
        with tempfile.TemporaryDirectory(prefix="codegate-sarif-") as tmp:
            sarif_path = Path(tmp) / "golden.sarif"
            sarif_path.write_text(text, encoding="utf-8")
            assert_valid(self, multitool, sarif_path, Path(tmp) / "validation.sarif")

    def test_validation_catches_an_error(self):
        # The multitool exits 0 whatever it finds; this proves validate() still sees a failure.
        multitool = require_multitool(self)
        sarif = json.loads((REPO_ROOT / "tests" / "unit" / "golden" / "report.sarif").read_text(encoding="utf-8"))
        del sarif["runs"][0]["results"][0]["locations"]
        with tempfile.TemporaryDirectory(prefix="codegate-sarif-") as tmp:
            sarif_path = Path(tmp) / "broken.sarif"
            sarif_path.write_text(json.dumps(sarif), encoding="utf-8")
            errors, _, console = validate(multitool, sarif_path, Path(tmp) / "validation.sarif")
        self.assertTrue(any(e.startswith("GH1015") for e in errors), console)


class SarifValidationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.binary = os.environ.get("CODEGATE_BIN")
        if not cls.binary:
            raise unittest.SkipTest("CODEGATE_BIN is not set (ctest sets it to the built binary)")
        cls.tmp = tempfile.TemporaryDirectory(prefix="codegate-sarif-")
        tmp = Path(cls.tmp.name)
        repo = tmp / "repo"
        repo.mkdir()
        git(repo, "init", "-q", "-b", "main")
        (repo / "README.md").write_text("fixture\n")
        git(repo, "add", "README.md")
        git(repo, "commit", "-q", "-m", "base")
        cls.base = git(repo, "rev-parse", "HEAD")
        (repo / "app.py").write_text(SOURCE)
        git(repo, "add", "app.py")
        git(repo, "commit", "-q", "-m", "head")

        cls.sarif_path = tmp / "out.sarif"
        env = {k: v for k, v in os.environ.items()
               if k not in ("CI", "GITHUB_ACTIONS", "GITLAB_CI")}
        env.update(NO_COLOR="1")
        cls.proc = subprocess.run(
            [cls.binary, "check", "--repo", str(repo), "--base", cls.base,
             "--sarif", str(cls.sarif_path), "--format", "text"],
            capture_output=True, text=True, env=env, timeout=600)
        cls.tmp_path = tmp

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def describe_run(self):
        return f"exit {self.proc.returncode}\nstdout:\n{self.proc.stdout}\nstderr:\n{self.proc.stderr}"

    def load_sarif(self):
        self.assertTrue(self.sarif_path.is_file(), "no SARIF written; " + self.describe_run())
        return json.loads(self.sarif_path.read_text(encoding="utf-8"))

    def test_check_fails_the_gate(self):
        # B602 is HIGH/HIGH and E0602 an error: both fail the default thresholds.
        self.assertEqual(self.proc.returncode, 1, self.describe_run())

    def test_sarif_has_b602_with_cwe_tag_and_security_severity(self):
        sarif = self.load_sarif()
        self.assertEqual(sarif["version"], "2.1.0")
        runs = {run["tool"]["driver"]["name"]: run for run in sarif["runs"]}
        self.assertIn("bandit", runs, list(runs))
        bandit = runs["bandit"]
        results = [r for r in bandit["results"] if r["ruleId"] == "B602"]
        self.assertEqual(len(results), 1, json.dumps(bandit["results"], indent=1))
        result = results[0]
        rule = bandit["tool"]["driver"]["rules"][result["ruleIndex"]]
        self.assertEqual(rule["id"], "B602")
        self.assertIn("security", rule["properties"]["tags"])
        self.assertIn("external/cwe/cwe-78", rule["properties"]["tags"])
        self.assertEqual(rule["properties"]["security-severity"], "8.0")
        location = result["locations"][0]["physicalLocation"]
        self.assertEqual(location["artifactLocation"], {"uri": "app.py", "uriBaseId": "%SRCROOT%"})
        self.assertEqual(location["region"]["startLine"], 5)
        self.assertIn("codegate/v1", result["partialFingerprints"])
        pylint = runs.get("pylint", {"results": []})
        self.assertIn("E0602", [r["ruleId"] for r in pylint["results"]])

    def test_sarif_passes_the_multitool(self):
        multitool = require_multitool(self)
        self.load_sarif()
        assert_valid(self, multitool, self.sarif_path, self.tmp_path / "validation.sarif")


if __name__ == "__main__":
    unittest.main()
