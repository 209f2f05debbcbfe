"""The outputs other tools read, from a real `codegate check` run, checked against their schemas.

JUnit XML is validated with xmllint against the Jenkins xUnit plugin's junit-10.xsd and rdjson
with python3-jsonschema against reviewdog's DiagnosticResult schema; both schemas are vendored
in tests/schemas/ with their licences. xmllint (libxml2-utils) and python3-jsonschema are Debian
packages that `CODEGATE_TEST_DEPS=1 scripts/setup` installs.
"""

import gzip
import json
import os
import shutil
import subprocess
import unittest
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from support import codegate
from support.gitrepo import GitRepo
from support.samples import CLEAN, VULNERABLE

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
JUNIT_XSD = SCHEMAS / "junit" / "junit-10.xsd"
RDJSON_SCHEMA = SCHEMAS / "rdjson" / "DiagnosticResult.json"


def validate_junit(test, path):
    if shutil.which("xmllint") is None:
        raise RuntimeError("xmllint is not installed: apt-get install libxml2-utils (CODEGATE_TEST_DEPS=1 scripts/setup)")
    proc = subprocess.run(["xmllint", "--noout", "--schema", str(JUNIT_XSD), str(path)], capture_output=True,
                          text=True, timeout=60)
    test.assertEqual(proc.returncode, 0, proc.stderr)


def validate_rdjson(test, document):
    try:
        import jsonschema  # pylint: disable=import-outside-toplevel
    except ImportError as error:
        raise RuntimeError("python3-jsonschema is not installed: apt-get install python3-jsonschema "
                           "(CODEGATE_TEST_DEPS=1 scripts/setup)") from error
    schema = json.loads(RDJSON_SCHEMA.read_text(encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(document)]
    test.assertEqual(errors, [])


class OutputFormats(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.repo = GitRepo()
        self.repo.write("lib/__init__.py", "")
        self.repo.write("lib/util.py", CLEAN)
        self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")
        self.repo.write("lib/shell.py", VULNERABLE)
        # Awkward text for both formats: XML's special characters and a non-ASCII name.
        self.repo.write("lib/m\u00f3dulo <&>.py", '"""Doc."""\nimport subprocess\n\n\ndef go(cmd):\n'
                        '    """Run "cmd" & <wait>."""\n    return subprocess.call(cmd, shell=True)\n')
        self.repo.write("lib/util.py", CLEAN + "\n\ndef sub(first, second):\n    \"\"\"Return the difference.\"\"\"\n"
                        "    return first - second\n")
        self.repo.commit("change")
        self.out = Path(self.repo.path + "-out")
        self.out.mkdir()

    def tearDown(self):
        shutil.rmtree(self.out, ignore_errors=True)
        self.repo.cleanup()

    def check(self, *args):
        return codegate.run("check", "--repo", self.repo.path, "--base", "main", "--no-llm", *args)

    def test_junit_has_a_case_per_checked_file_and_a_failure_per_failing_finding(self):
        junit = self.out / "codegate.xml"
        proc = self.check("--junit", str(junit))
        self.assertEqual(proc.returncode, 1, proc.stderr)
        validate_junit(self, junit)
        root = ElementTree.parse(junit).getroot()
        suite = root.find("testsuite")
        cases = {case.get("name"): case for case in suite.findall("testcase")}
        self.assertEqual(sorted(cases), ["lib/m\u00f3dulo <&>.py", "lib/shell.py", "lib/util.py"])
        self.assertIsNone(cases["lib/util.py"].find("failure"))
        shell = [f.get("type") for f in cases["lib/shell.py"].findall("failure")]
        self.assertEqual(shell, ["bandit/B602", "pylint/E0602"])
        self.assertEqual([f.get("type") for f in cases["lib/m\u00f3dulo <&>.py"].findall("failure")], ["bandit/B602"])
        self.assertEqual(suite.get("tests"), "3")
        self.assertEqual(suite.get("failures"), "3")
        self.assertEqual(root.get("failures"), "3")
        properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
        self.assertEqual(properties["failed"], "true")
        self.assertRegex(properties["pylint"], r"^\d+\.\d+")

    def test_rdjson_on_stdout_and_in_a_file_validates_against_reviewdogs_schema(self):
        rdjson = self.out / "codegate.rdjson"
        proc = self.check("--format", "rdjson", "--rdjson", str(rdjson))
        self.assertEqual(proc.returncode, 1, proc.stderr)
        document = json.loads(proc.stdout)
        self.assertEqual(document, json.loads(rdjson.read_text(encoding="utf-8")))
        validate_rdjson(self, document)
        self.assertEqual(document["source"]["name"], "codegate")
        found = [(d["source"]["name"], d["code"]["value"], d["location"]["path"], d["location"]["range"]["start"]["line"])
                 for d in document["diagnostics"] if d["severity"] == "ERROR"]
        self.assertEqual(found, [("bandit", "B602", "lib/m\u00f3dulo <&>.py", 7),
                                 ("bandit", "B602", "lib/shell.py", 7),
                                 ("pylint", "E0602", "lib/shell.py", 12)])
        # Reported findings that do not fail the gate are there too, at their own severity.
        self.assertIn(("bandit", "B404", "lib/shell.py", 2, "INFO"),
                      [(d["source"]["name"], d["code"]["value"], d["location"]["path"],
                        d["location"]["range"]["start"]["line"], d["severity"]) for d in document["diagnostics"]])

    def test_every_format_in_one_run(self):
        files = {name: self.out / name for name in ("r.sarif", "r.json", "r.md", "r.xml", "r.rdjson")}
        proc = self.check("--sarif", str(files["r.sarif"]), "--json", str(files["r.json"]), "--markdown",
                          str(files["r.md"]), "--junit", str(files["r.xml"]), "--rdjson", str(files["r.rdjson"]))
        self.assertEqual(proc.returncode, 1, proc.stderr)
        for path in files.values():
            self.assertTrue(path.is_file() and path.stat().st_size > 0, path)
        validate_junit(self, files["r.xml"])
        validate_rdjson(self, json.loads(files["r.rdjson"].read_text(encoding="utf-8")))

    def test_a_passing_run_has_no_failures_and_no_diagnostics(self):
        self.repo.git("checkout", "-q", "main")
        self.repo.git("checkout", "-q", "-b", "clean")
        self.repo.write("lib/more.py", CLEAN)
        self.repo.commit("clean change")
        junit, rdjson = self.out / "c.xml", self.out / "c.rdjson"
        proc = self.check("--junit", str(junit), "--rdjson", str(rdjson))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        validate_junit(self, junit)
        suite = ElementTree.parse(junit).getroot().find("testsuite")
        self.assertEqual((suite.get("tests"), suite.get("failures")), ("1", "0"))
        document = json.loads(rdjson.read_text(encoding="utf-8"))
        validate_rdjson(self, document)
        self.assertEqual(document["diagnostics"], [])


if __name__ == "__main__":
    unittest.main()


FAKE_PYLINT = r'''
import json, subprocess, sys
files = [a for a in sys.argv[1:] if a.endswith(".py") and not a.startswith("-")]
if not files:
    sys.exit(subprocess.call(["/usr/bin/pylint", *sys.argv[1:]]))
findings = []
for path in files:
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().count("\n")
    for line in range(1, lines + 1):
        findings.append({"type": "warning", "module": "big", "obj": "", "line": line, "column": 0,
                         "endLine": None, "endColumn": None, "path": path, "symbol": "unused-variable",
                         "message": f"Unused variable 'x{line}'", "message-id": "W0612"})
findings.append({"type": "error", "module": "big", "obj": "", "line": 7, "column": 0, "endLine": None,
                 "endColumn": None, "path": files[0], "symbol": "undefined-variable",
                 "message": "Undefined variable 'y'", "message-id": "E0602"})
print(json.dumps(findings))
sys.exit(6)
'''


class SarifLimits(unittest.TestCase):
    """GitHub code scanning keeps 5,000 results of a run and refuses files over 10 MB gzipped: a
    change with more than 30,000 findings gets a SARIF file inside both, the failing finding kept,
    and every report says what was left out."""

    def setUp(self):
        self.repo = GitRepo()
        self.repo.write("README.md", "x\n")
        self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")
        self.repo.write("lib/big.py", "x = 1\n" * 30001)
        self.repo.commit("a very large change")
        self.out = Path(self.repo.path).parent / "sarif-limits-out"
        self.out.mkdir()
        script = self.out / "fake_pylint.py"
        script.write_text(FAKE_PYLINT, encoding="utf-8")
        from support.fake_tools import fake_tools  # pylint: disable=import-outside-toplevel
        self.env = fake_tools(f'exec python3 {script} "$@"', 'exec /usr/bin/bandit "$@"')

    def tearDown(self):
        self.repo.cleanup()
        shutil.rmtree(self.out, ignore_errors=True)

    def test_more_than_30000_findings(self):
        sarif_path, json_path = self.out / "out.sarif", self.out / "out.json"
        result = codegate.run("check", "--repo", self.repo.path, "--base", "main", "--no-llm", "--no-cache",
                              "--sarif", str(sarif_path), "--json", str(json_path), "--format", "markdown",
                              env=self.env)
        self.assertEqual(result.returncode, 1, result.stderr[-2000:])
        report = json.loads(json_path.read_text(encoding="utf-8"))
        self.assertEqual(len(report["findings"]), 30002)
        raw = sarif_path.read_bytes()
        self.assertLess(len(gzip.compress(raw)), 10_000_000)
        sarif = json.loads(raw)
        self.assertLessEqual(len(sarif["runs"]), 20)
        pylint = next(run for run in sarif["runs"] if run["tool"]["driver"]["name"] == "pylint")
        self.assertEqual(len(pylint["results"]), 5000)
        self.assertEqual(pylint["properties"]["resultsLeftOut"], 25002)
        self.assertIn("25002 results of this run are left out", " ".join(pylint["properties"]["notes"]))
        failing = [r for r in pylint["results"] if r["properties"]["failsGate"]]
        self.assertEqual([r["ruleId"] for r in failing], ["E0602"])
        lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in pylint["results"]]
        self.assertEqual(lines, sorted(lines), "the kept results stay in report order")
        note = "the SARIF report leaves out 25002 results to stay inside GitHub code scanning's limits"
        self.assertIn(note, result.stdout)
        self.assertIn(note, " ".join(report["notes"]))
