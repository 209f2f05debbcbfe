"""`codegate check` in a GitLab merge-request pipeline: revisions from CI variables, the Code
Quality and SAST reports, and the sticky note and discussions through a local GitLab API."""

import json
import os
import re
import shutil
import tempfile
import unittest

from support import codegate
from support.fake_gitlab import FakeGitLab
from support.gitrepo import GitRepo
from support.samples import VULNERABLE

TOKEN = "test-token"


SAST_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
SAST_SEVERITIES = {"Info", "Unknown", "Low", "Medium", "High", "Critical"}
CODE_QUALITY_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def sast_problems(report):
    """The constraints of GitLab's security report schema (sast-report-format.json, 15.0.x) that a
    report built from Bandit findings can break: required members, enums, patterns, lengths."""
    problems = []

    def need(obj, keys, where):
        for key in keys:
            if key not in obj:
                problems.append(f"{where}: missing {key}")

    need(report, ("version", "vulnerabilities", "scan"), "report")
    if not re.match(r"^15\.\d+\.\d+$", report.get("version", "")):
        problems.append(f"version {report.get('version')!r} is not a 15.x schema version")
    scan = report.get("scan", {})
    need(scan, ("analyzer", "scanner", "start_time", "end_time", "status", "type"), "scan")
    for part in ("analyzer", "scanner"):
        component = scan.get(part, {})
        need(component, ("id", "name", "version", "vendor"), f"scan.{part}")
        need(component.get("vendor", {}), ("name",), f"scan.{part}.vendor")
        if not re.match(r"^[a-zA-Z0-9_-]+$", component.get("id", "")):
            problems.append(f"scan.{part}.id {component.get('id')!r}")
    if scan.get("type") != "sast":
        problems.append(f"scan.type {scan.get('type')!r}")
    if scan.get("status") not in ("success", "failure"):
        problems.append(f"scan.status {scan.get('status')!r}")
    for key in ("start_time", "end_time"):
        if not SAST_TIME.match(scan.get(key, "")):
            problems.append(f"scan.{key} {scan.get(key)!r}")
    ids = set()
    for i, vuln in enumerate(report.get("vulnerabilities", [])):
        where = f"vulnerabilities[{i}]"
        need(vuln, ("id", "identifiers", "location"), where)
        for removed in ("category", "message", "cve", "scanner", "confidence"):
            if removed in vuln:
                problems.append(f"{where}: {removed} is not in schema 15")
        if not vuln.get("id") or vuln["id"] in ids:
            problems.append(f"{where}: id {vuln.get('id')!r} missing or not unique")
        ids.add(vuln.get("id"))
        if len(vuln.get("name", "")) > 255:
            problems.append(f"{where}: name longer than 255")
        if vuln.get("severity") not in SAST_SEVERITIES:
            problems.append(f"{where}: severity {vuln.get('severity')!r}")
        identifiers = vuln.get("identifiers", [])
        if not 1 <= len(identifiers) <= 20:
            problems.append(f"{where}: {len(identifiers)} identifiers")
        for identifier in identifiers:
            need(identifier, ("type", "name", "value"), f"{where}.identifiers")
            if not all(isinstance(identifier.get(k), str) and identifier.get(k) for k in ("type", "name", "value")):
                problems.append(f"{where}: empty identifier member {identifier}")
        location = vuln.get("location", {})
        if not isinstance(location.get("file"), str) or not isinstance(location.get("start_line"), int):
            problems.append(f"{where}: location {location}")
    return problems


def code_quality_problems(report):
    """What GitLab needs of a Code Quality (CodeClimate) report to show it."""
    problems = []
    if not isinstance(report, list):
        return ["not a JSON array"]
    fingerprints = set()
    for i, issue in enumerate(report):
        for key in ("description", "check_name", "fingerprint", "severity", "location"):
            if key not in issue:
                problems.append(f"[{i}]: missing {key}")
        if issue.get("severity") not in CODE_QUALITY_SEVERITIES:
            problems.append(f"[{i}]: severity {issue.get('severity')!r}")
        if issue.get("fingerprint") in fingerprints:
            problems.append(f"[{i}]: fingerprint not unique")
        fingerprints.add(issue.get("fingerprint"))
        location = issue.get("location", {})
        if not isinstance(location.get("path"), str) or not isinstance(location.get("lines", {}).get("begin"), int):
            problems.append(f"[{i}]: location {location}")
    return problems


class GitlabTestCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.repo.write("README.md", "project\n")
        self.repo.write("lib/__init__.py", "")
        self.base = self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")
        self.tmp = tempfile.mkdtemp(prefix="codegate-gl-")

    def tearDown(self):
        self.repo.cleanup()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_job(self, gitlab, head, *args, token_variable="GITLAB_TOKEN"):
        env = {"CI": "true", "GITLAB_CI": "true", "CI_MERGE_REQUEST_IID": "7", "CI_PROJECT_ID": "42",
               "CI_API_V4_URL": gitlab.api_url, "CI_MERGE_REQUEST_DIFF_BASE_SHA": self.base, "CI_COMMIT_SHA": head,
               "CI_JOB_URL": "https://gitlab.example.com/octo/sample/-/jobs/5", token_variable: TOKEN}
        result = codegate.run("check", "--repo", self.repo.path, "--no-llm",
                              "--gitlab-code-quality", os.path.join(self.tmp, "gl-code-quality-report.json"),
                              "--gitlab-sast", os.path.join(self.tmp, "gl-sast-report.json"), *args, env=env)
        self.assertNotIn(TOKEN, result.stdout + result.stderr, "the token was printed")
        return result

    def report(self, name):
        with open(os.path.join(self.tmp, name), encoding="utf-8") as handle:
            return json.load(handle)


class MergeRequestComments(GitlabTestCase):
    def test_first_run_posts_second_run_updates_and_resolves(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        head = self.repo.commit("add a shell helper")
        self.repo.git("checkout", "-q", "main")  # GitLab checks out a detached CI_COMMIT_SHA; HEAD is not it here
        refs = {"base_sha": self.base, "start_sha": self.base, "head_sha": head}
        with FakeGitLab(token=TOKEN, diff_refs=refs, added_lines={"lib/shell.py": set(range(1, 13))}) as gitlab:
            first = self.run_job(gitlab, head, "--comment-level", "note")  # the note on line 2 inline too
            self.assertEqual(first.returncode, 1, first.stderr)
            self.assertEqual(gitlab.problems, [])
            self.assertIn("revisions from the merge request pipeline", first.stderr)
            self.assertEqual(len(gitlab.notes), 1)
            self.assertTrue(gitlab.notes[0]["body"].startswith("<!-- codegate:summary -->\n## :x: codegate: FAILED"))
            self.assertIn("[workflow run](https://gitlab.example.com/octo/sample/-/jobs/5)", gitlab.notes[0]["body"])
            lines = sorted(d["notes"][0]["position"]["new_line"] for d in gitlab.discussions)
            self.assertEqual(lines, [2, 7, 12])
            b602 = next(d["notes"][0] for d in gitlab.discussions if d["notes"][0]["position"]["new_line"] == 7)
            self.assertIn("**bandit B602**", b602["body"])
            self.assertEqual(b602["position"]["new_path"], "lib/shell.py")

            sast = self.report("gl-sast-report.json")
            self.assertEqual(sast_problems(sast), [])
            self.assertEqual(sorted(v["location"]["start_line"] for v in sast["vulnerabilities"]), [2, 7])
            b602_vuln = next(v for v in sast["vulnerabilities"] if v["location"]["start_line"] == 7)
            self.assertEqual(b602_vuln["severity"], "High")
            self.assertIn({"type": "cwe", "name": "CWE-78", "value": "78",
                           "url": "https://cwe.mitre.org/data/definitions/78.html"}, b602_vuln["identifiers"])
            quality = self.report("gl-code-quality-report.json")
            self.assertEqual(code_quality_problems(quality), [])
            self.assertEqual(sorted(i["location"]["lines"]["begin"] for i in quality), [2, 7, 12])
            first_fingerprints = {i["check_name"]: i["fingerprint"] for i in quality}

            # The next push fixes the undefined name: the note is edited in place, its discussion
            # is resolved, nothing is posted twice.
            self.repo.git("checkout", "-q", "feature")
            self.repo.write("lib/shell.py", VULNERABLE.replace("return undefined_name", "return None"))
            second_head = self.repo.commit("fix")
            self.repo.git("checkout", "-q", "main")
            refs["head_sha"] = second_head
            gitlab.requests.clear()
            second = self.run_job(gitlab, second_head, "--comment-level", "note")
            self.assertEqual(second.returncode, 1, second.stderr)
            self.assertEqual(gitlab.problems, [])
            self.assertEqual(len(gitlab.notes), 1)
            self.assertIn("commit " + second_head[:7], gitlab.notes[0]["body"])
            self.assertEqual(gitlab.calls("POST"), [])
            resolved = [d for d in gitlab.discussions if d["notes"][0]["resolved"]]
            self.assertEqual([d["notes"][0]["position"]["new_line"] for d in resolved], [12])
            quality = self.report("gl-code-quality-report.json")
            self.assertEqual(first_fingerprints["bandit/B602"],
                             {i["check_name"]: i["fingerprint"] for i in quality}["bandit/B602"],
                             "fingerprints must be stable across pushes")


class JobToken(GitlabTestCase):
    def test_job_token_that_cannot_write_notes_is_a_warning(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        head = self.repo.commit("add a shell helper")
        refs = {"base_sha": self.base, "start_sha": self.base, "head_sha": head}
        with FakeGitLab(token=TOKEN, token_header="JOB-TOKEN", diff_refs=refs, read_only=True) as gitlab:
            gitlab.fail_next("GET", "/projects/42/merge_requests/7/notes", 502)
            result = self.run_job(gitlab, head, token_variable="CI_JOB_TOKEN")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(gitlab.problems, [])
        self.assertIn("failed (HTTP 502); retry 1 of 3", result.stderr)
        self.assertIn("codegate: warning: cannot comment on merge request !7", result.stderr)
        self.assertIn("CI_JOB_TOKEN cannot write merge request notes; set GITLAB_TOKEN", result.stderr)
        self.assertEqual(sast_problems(self.report("gl-sast-report.json")), [])


if __name__ == "__main__":
    unittest.main()
