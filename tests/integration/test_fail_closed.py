"""Fail closed: a change can neither slip past the gate nor take the run down. Real git
repositories, the real binary, the real Pylint and Bandit or stand-ins on PATH."""

import json
import os
import re
import signal
import subprocess
import tempfile
import time
import unittest

from support import codegate
from support.fake_tools import REAL_PYLINT, fake_tools
from support.gitrepo import GitRepo
from support.samples import CLEAN, VULNERABLE

# A stand-in that records its pid and its grandchild's, and the mode of the analysis directory's
# parent (the workspace), then hangs: the grandchild stands for Pylint's --jobs workers.
HANGING_PYLINT = '''[ "$1" = --version ] && exec /usr/bin/pylint --version
echo "$(stat -c %a ..)" > "$MARKS/workspace-mode"
sleep 600 &
echo $! > "$MARKS/grandchild"
echo $$ > "$MARKS/pylint"
wait'''


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; only its parent's wait is missing.
    with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
        return handle.read().rsplit(")", 1)[1].split()[0] != "Z"


def wait_for_file(path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if os.path.exists(path) and os.path.getsize(path) > 0:
            with open(path, encoding="utf-8") as handle:
                return handle.read().strip()
        time.sleep(0.05)
    raise AssertionError(f"{path} never appeared")


class FailClosedCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.repo.write("lib/__init__.py", "")
        self.repo.write("lib/util.py", CLEAN)
        self.marks = tempfile.mkdtemp(prefix="codegate-marks-")
        self.tmpdir = tempfile.mkdtemp(prefix="codegate-tmpdir-")

    def tearDown(self):
        self.repo.cleanup()

    def start_feature(self, config=None):
        """Commits `config` as .codegate.yml on main and branches off."""
        if config is not None:
            self.repo.write(".codegate.yml", config)
        self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")

    def check(self, *args, env=None, verbosity=()):
        return codegate.run(*verbosity, "check", "--repo", self.repo.path, "--base", "main", "--no-llm", *args, env=env)

    def report(self, path):
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)

    def pids(self):
        return [int(wait_for_file(os.path.join(self.marks, name))) for name in ("pylint", "grandchild")]

    def assert_gone(self, pid):
        deadline = time.monotonic() + 5
        while pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertFalse(pid_alive(pid), f"process {pid} outlived the run")


class ToolTimeLimit(FailClosedCase):
    def test_hanging_pylint_is_stopped_at_its_limit_with_progress_meanwhile(self):
        self.start_feature("pylint:\n  timeout: 31\n")
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("vulnerable")
        env = fake_tools(HANGING_PYLINT)
        env["MARKS"] = self.marks
        env["TMPDIR"] = self.tmpdir
        started = time.monotonic()
        result = self.check(env=env)
        took = time.monotonic() - started
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("codegate: pylint still running (30 s, 1 file)\n", result.stderr)
        self.assertIn("codegate: error: pylint did not finish within 31 s (pylint.timeout); raise the limit in "
                      ".codegate.yml, or check fewer files at a time\n", result.stderr)
        self.assertLess(took, 31 + 15)
        for pid in self.pids():
            self.assert_gone(pid)
        self.assertEqual(os.listdir(self.tmpdir), [])

    def test_a_timeout_is_configuration(self):
        self.start_feature("bandit:\n  timeout: 0\n")
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("vulnerable")
        result = self.check()
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("codegate: error: .codegate.yml:2:12: 'bandit.timeout' must be between 1", result.stderr)


class Signals(FailClosedCase):
    def interrupt(self, signum):
        self.start_feature()
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("vulnerable")
        env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "GITLAB_CI")}
        env.update(fake_tools(HANGING_PYLINT))
        env["MARKS"] = self.marks
        env["TMPDIR"] = self.tmpdir
        child = subprocess.Popen([codegate.binary(), "check", "--repo", self.repo.path, "--base", "main", "--no-llm"],
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            pids = self.pids()  # mid-analysis: the stand-in Pylint runs
            self.assertNotEqual(os.listdir(self.tmpdir), [])
            self.assertEqual(wait_for_file(os.path.join(self.marks, "workspace-mode")), "700")
            child.send_signal(signum)
            _, err = child.communicate(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
        for pid in pids:
            self.assert_gone(pid)
        self.assertEqual(os.listdir(self.tmpdir), [], "temporary copies outlived the run")
        return child.returncode, err

    def test_sigterm_stops_the_tools_and_removes_the_temporary_copies(self):
        code, err = self.interrupt(signal.SIGTERM)
        self.assertEqual(code, 143, err)
        self.assertIn("codegate: stopped by SIGTERM\n", err)

    def test_sigint_exits_130(self):
        code, err = self.interrupt(signal.SIGINT)
        self.assertEqual(code, 130, err)
        self.assertIn("codegate: stopped by SIGINT\n", err)


class SizeLimit(FailClosedCase):
    """A changed file too large to analyse fails the run; it never passes unchecked."""

    def padded(self):
        # 4 MiB of harmless assignments, then the shell call Bandit would have reported.
        padding = "".join(f"value_{n} = {n}\n" for n in range(220000))
        source = '"""Generated constants."""\nimport subprocess\n' + padding + "subprocess.call(c, shell=True)\n"
        self.assertGreater(len(source), 4 * 1024 * 1024)
        return source

    def test_a_file_over_the_limit_fails_in_every_filter_mode(self):
        self.start_feature()
        big = self.padded()
        self.repo.write("lib/constants.py", big)
        self.repo.write("lib/more.py", CLEAN)
        self.repo.commit("padded file")
        report = os.path.join(self.marks, "r.json")
        sarif = os.path.join(self.marks, "r.sarif")
        result = self.check("--json", report, "--sarif", sarif)
        self.assertEqual(result.returncode, 1, result.stderr)
        message = (f"lib/constants.py was not analysed: it is {len(big) / 2**20:.1f} MiB ({len(big)} bytes), over the 4.0 MiB Pylint and "
                   "Bandit are given, so the gate cannot pass it. Split it into smaller modules, or if it is "
                   "generated, list it under exclude: in .codegate.yml.")
        self.assertIn(f"lib/constants.py:1:1: error [codegate not-analysed] {message} <- fails the gate\n",
                      result.stdout)
        self.assertNotIn("no Python files changed", result.stdout + result.stderr)
        data = self.report(report)
        self.assertEqual(data["checked_files"], ["lib/more.py"])
        finding = [f for f in data["findings"] if f["rule_id"] == "not-analysed"]
        self.assertEqual(len(finding), 1)
        self.assertEqual((finding[0]["tool"], finding[0]["level"], finding[0]["message"], finding[0]["fails_gate"]),
                         ("codegate", "error", message, True))
        with open(sarif, encoding="utf-8") as handle:
            runs = json.load(handle)["runs"]
        rules = [r for run in runs for r in run["tool"]["driver"]["rules"] if r["id"] == "codegate/not-analysed"]
        self.assertEqual(rules[0]["shortDescription"]["text"], "Changed file not analysed")
        for mode in ("added", "diff_context", "file", "nofilter"):
            self.assertEqual(self.check("--filter-mode", mode).returncode, 1, mode)
        self.assertEqual(self.check("--fail-level", "none").returncode, 1)

    def test_excluding_the_generated_file_lets_the_rest_pass(self):
        self.start_feature("exclude: [lib/constants.py]\n")
        self.repo.write("lib/constants.py", self.padded())
        self.repo.commit("padded file")
        result = self.check()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("no Python files changed", result.stderr)


class ScanErrors(FailClosedCase):
    """Bandit 1.6.2 gives up on an expression of about 1,000 terms ("exception while scanning file")."""

    DEEP = '"""Deep."""\nimport subprocess\n\nTOTAL = ' + " + ".join(["1"] * 1000) + \
        '\n\nsubprocess.call("ls " + str(TOTAL), shell=True)\n'

    def test_a_file_bandit_cannot_scan_is_a_tool_failure(self):
        self.start_feature("pylint:\n  enabled: false\n")
        self.repo.write("lib/deep.py", self.DEEP)
        self.repo.commit("deep expression")
        result = self.check()
        self.assertEqual(result.returncode, 3, result.stdout + result.stderr)
        self.assertIn("codegate: error: bandit could not scan lib/deep.py: exception while scanning file (set "
                      "bandit.accept_scan_errors: true in .codegate.yml to accept it as a note):\n", result.stderr)
        self.assertIn("Exception occurred when executing tests against ./lib/deep.py", result.stderr)

    def test_accepted_scan_errors_stay_notes(self):
        self.start_feature("pylint:\n  enabled: false\nbandit:\n  accept_scan_errors: true\n")
        self.repo.write("lib/deep.py", self.DEEP)
        self.repo.commit("deep expression")
        report = os.path.join(self.marks, "r.json")
        result = self.check("--json", report)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("bandit could not scan lib/deep.py: exception while scanning file", self.report(report)["notes"])

    def test_pylint_fails_the_same_file_either_way(self):
        self.start_feature("bandit:\n  accept_scan_errors: true\n")
        self.repo.write("lib/deep.py", self.DEEP)
        self.repo.commit("deep expression")
        report = os.path.join(self.marks, "r.json")
        home = {"HOME": self.marks}  # Pylint writes its crash report under ~/.cache
        # In one process astroid's RecursionError becomes the fatal message F0002, which fails the gate ...
        result = self.check("--jobs", "1", "--json", report, env=home)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        found = [(f["tool"], f["rule_id"], f["rule_name"], f["fails_gate"]) for f in self.report(report)["findings"]]
        self.assertIn(("pylint", "F0002", "astroid-error", True), found)
        # ... with --jobs workers Pylint 2.16 itself crashes: a tool failure. (One or two files get
        # no workers whatever --jobs says, so the change grows to three, and the result cache that
        # holds deep.py's F0002 from the run above is not read.)
        self.repo.write("lib/more1.py", '"""More."""\n')
        self.repo.write("lib/more2.py", '"""More."""\n')
        self.repo.commit("more files")
        result = self.check("--jobs", "2", "--no-cache", env=home)
        self.assertEqual(result.returncode, 3, result.stdout + result.stderr)
        self.assertIn("codegate: error: Pylint printed output that is not its JSON report:\n", result.stderr)
        self.assertIn("AstroidBuildingError", result.stderr)


class LargeChanges(FailClosedCase):
    """More files than one command line holds run in batches (ARG_MAX is 2 MiB on Linux by default)."""

    def found(self, report):
        return sorted((f["tool"], f["rule_id"], f["path"], f["line"]) for f in self.report(report)["findings"])

    def test_three_thousand_files_with_long_paths_are_gated(self):
        self.start_feature()
        deep = "/".join(c * 200 for c in "defg")  # 800 characters a path: 3,000 need 2.4 MB of argv
        for n in range(3000):
            self.repo.write(f"lib/{deep}/m{n:04d}.py", f'"""Module {n}."""\nVALUE = {n}\n')
        self.repo.write(f"lib/{deep}/shell.py", VULNERABLE)
        self.repo.commit("a large refactor")
        report = os.path.join(self.marks, "r.json")
        result = self.check("--json", report)
        self.assertEqual(result.returncode, 1, result.stderr[-3000:])
        self.assertIn("codegate: pylint batch 2 of 2 (", result.stderr)
        self.assertIn("codegate: bandit batch 2 of 2 (", result.stderr)
        failing = [(f["tool"], f["rule_id"], f["path"]) for f in self.report(report)["findings"] if f["fails_gate"]]
        self.assertEqual(sorted(failing), [("bandit", "B602", f"lib/{deep}/shell.py"),
                                           ("pylint", "E0602", f"lib/{deep}/shell.py")])

    def test_batches_find_what_one_run_finds(self):
        self.start_feature()
        for n in range(5):
            self.repo.write(f"lib/mod{n}.py", VULNERABLE.replace("undefined_name", f"undefined_{n}"))
        self.repo.commit("five modules")
        one, batched = os.path.join(self.marks, "one.json"), os.path.join(self.marks, "batched.json")
        result = self.check("--json", one, "--filter-mode", "nofilter")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertNotIn("batch", result.stderr)
        # No room for more than one file a batch.
        result = self.check("--json", batched, "--filter-mode", "nofilter", env={"CODEGATE_TEST_ARGUMENT_BYTES": "1"})
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("codegate: pylint batch 5 of 5 (1 file)\n", result.stderr)
        self.assertIn("codegate: bandit batch 5 of 5 (1 file)\n", result.stderr)
        self.assertEqual(self.found(batched), self.found(one))
        self.assertEqual(len(self.found(one)), 15)  # B602, B404 and E0602 in each


class VerboseLog(FailClosedCase):
    def test_each_tool_run_is_logged_with_its_argv_and_time(self):
        self.start_feature()
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("vulnerable")
        result = self.check(verbosity=["-v"])
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertRegex(result.stderr, r"codegate: debug: running pylint --output-format=json --rcfile=/\S+/pylintrc "
                                        r"--jobs=\d+ --persistent=no --disable=import-error,duplicate-code,cyclic-import,C,R,fixme "
                                        r"--enable=suppressed-message --ignore= --ignore-patterns= --ignore-paths= "
                                        r"-- \./lib/shell\.py \(in /\S+/tree\)\n")
        self.assertRegex(result.stderr, r"codegate: debug: running bandit --format json --ignore-nosec --exclude '' "
                                        r"-- \./lib/shell\.py \(in /\S+/tree\)\n")
        self.assertRegex(result.stderr, r"codegate: debug: pylint finished in \d+\.\d s \(exit 2\)\n")
        self.assertRegex(result.stderr, r"codegate: debug: bandit finished in \d+\.\d s \(exit 1\)\n")
        self.assertNotIn("debug:", self.check().stderr)


if __name__ == "__main__":
    unittest.main()
