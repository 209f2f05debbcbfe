"""`codegate check` end to end: real git repositories, the real Pylint and Bandit, the real binary."""

import json
import os
import pty
import subprocess
import tempfile
import unittest

from support import codegate
from support.fake_tools import REAL_BANDIT, fake_tools
from support.gitrepo import GitRepo
from support.samples import CLEAN, VULNERABLE

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "golden")


def golden_compare(test, name, actual):
    # The analyzers' messages, columns and documentation links differ between tool generations:
    # scripts/container-test runs this suite in the Debian 13 image with its own golden files.
    path = os.path.join(GOLDEN, os.environ.get("CODEGATE_GOLDEN_GENERATION", ""), name)
    if os.environ.get("CODEGATE_UPDATE_GOLDEN") == "1":
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(actual)
    with open(path, encoding="utf-8") as handle:
        test.assertEqual(handle.read(), actual, f"differs from golden file {name} (CODEGATE_UPDATE_GOLDEN=1 rewrites)")


class CheckTestCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.repo.write("README.md", "project\n")
        self.repo.write("lib/__init__.py", "")
        self.repo.write("lib/util.py", CLEAN)
        self.base = self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")

    def tearDown(self):
        self.repo.cleanup()

    def check(self, *args, env=None):
        return codegate.run("check", "--repo", self.repo.path, *args, env=env)

    def findings(self, report_path, reported_only=True):
        with open(report_path, encoding="utf-8") as handle:
            report = json.load(handle)
        return [(f["tool"], f["rule_id"], f["path"], f["line"]) for f in report["findings"]
                if f["filter"]["reported"] or not reported_only]

    def tmp(self, name):
        return os.path.join(self.repo.path, "..", os.path.basename(self.repo.path) + "-" + name)


class VulnerablePullRequest(CheckTestCase):
    def test_fails_with_golden_json_and_sarif(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("add shell helper")
        out = tempfile.mkdtemp()
        result = self.check("--base", "main", "--json", f"{out}/r.json", "--sarif", f"{out}/r.sarif", "--no-llm")
        self.assertEqual(result.returncode, 1, result.stderr)
        for name in ("json", "sarif"):
            with open(f"{out}/r.{name}", encoding="utf-8") as handle:
                golden_compare(self, f"vulnerable.{name}", handle.read())
        golden_compare(self, "vulnerable.txt", result.stdout)

    def test_clean_change_passes(self):
        self.repo.write("lib/more.py", CLEAN)
        self.repo.commit("add more")
        result = self.check("--base", "main")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_only_added_lines_count_by_default(self):
        self.repo.git("checkout", "-q", "main")
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("vulnerable code already on main")
        self.repo.git("checkout", "-q", "-B", "feature")
        self.repo.write("lib/shell.py", VULNERABLE + "\n\ndef more():\n    \"\"\"Return one.\"\"\"\n    return 1\n")
        self.repo.commit("add a harmless function")
        report = self.tmp("r.json")
        result = self.check("--base", "main", "--json", report)
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn(("bandit", "B602", "lib/shell.py", 7), self.findings(report, reported_only=False))
        self.assertEqual(self.findings(report), [])
        result = self.check("--base", "main", "--filter-mode", "file", "--json", report)
        self.assertEqual(result.returncode, 1)
        self.assertIn(("bandit", "B602", "lib/shell.py", 7), self.findings(report))

    def test_fail_level_overrides_thresholds(self):
        self.repo.write("lib/more.py", CLEAN.replace("second):", "second, unused):"))
        self.repo.commit("unused argument")
        self.assertEqual(self.check("--base", "main").returncode, 0)
        self.assertEqual(self.check("--base", "main", "--fail-level", "warning").returncode, 1)

    def test_positional_paths_restrict_the_check(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.write("lib/more.py", CLEAN)
        self.repo.commit("two files")
        report = self.tmp("r.json")
        result = self.check("--base", "main", "--json", report, os.path.join(self.repo.path, "lib/more.py"))
        self.assertEqual(result.returncode, 0, result.stdout)
        with open(report, encoding="utf-8") as handle:
            self.assertEqual(json.load(handle)["checked_files"], ["lib/more.py"])

    def test_default_base_is_main(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("vulnerable")
        result = self.check()
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("merge base of refs/heads/main and HEAD", result.stderr)


class AnalysedBytes(CheckTestCase):
    def test_head_commit_is_analysed_not_the_dirty_working_tree(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("vulnerable")
        self.repo.write("lib/shell.py", CLEAN)  # fixed locally, not committed
        self.assertEqual(self.check("--base", "main").returncode, 1)

    def test_staged_checks_the_index_not_the_working_tree(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.git("add", "lib/shell.py")
        self.repo.write("lib/shell.py", CLEAN)  # unstaged edit
        result = self.check("--staged")
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn("B602", result.stdout)
        self.repo.git("add", "lib/shell.py")
        self.assertEqual(self.check("--staged").returncode, 0)
        self.assertEqual(self.repo.read("lib/shell.py"), CLEAN)


    def test_whole_files_checks_named_files_whether_changed_or_not(self):
        self.repo.git("checkout", "-q", "main")
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("vulnerable code already on main")
        self.repo.git("checkout", "-q", "-B", "feature")
        self.repo.write("lib/more.py", CLEAN)
        self.repo.commit("unrelated change")
        report = self.tmp("r.json")
        self.assertEqual(self.check("--base", "main", "--json", report).returncode, 0)
        result = self.check("--base", "main", "--whole-files", "--json", report, "--",
                            os.path.join(self.repo.path, "lib/shell.py"))
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(self.findings(report), [("bandit", "B404", "lib/shell.py", 2),
                                                 ("bandit", "B602", "lib/shell.py", 7),
                                                 ("pylint", "E0602", "lib/shell.py", 12)])

    def test_whole_files_names_a_file_missing_from_the_index(self):
        self.repo.write("lib/untracked.py", VULNERABLE)
        report = self.tmp("r.json")
        result = self.check("--staged", "--whole-files", "--json", report, "--",
                            os.path.join(self.repo.path, "lib/untracked.py"))
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(report, encoding="utf-8") as handle:
            self.assertEqual(json.load(handle)["notes"][:2], ["skipped lib/untracked.py: not a regular file in the index",
                                                              "no Python files changed"])


class PythonScriptsAndSkippedFiles(CheckTestCase):
    def test_python_scripts_without_suffix_are_analysed(self):
        self.repo.write("tools/run", "#!/usr/bin/env python3\n" + VULNERABLE)
        self.repo.write("tools/fast", "#!/usr/bin/env -S python3 -u\n" + VULNERABLE)
        self.repo.write("tools/legacy", "#!/usr/bin/python3.11\n" + VULNERABLE)
        self.repo.write("tools/build", "#!/bin/sh\nexec make \"$@\"\n")
        os.chmod(os.path.join(self.repo.path, "tools/run"), 0o755)
        self.repo.commit("scripts")
        report = self.tmp("r.json")
        result = self.check("--base", "main", "--no-llm", "--json", report)
        self.assertEqual(result.returncode, 1, result.stderr)
        with open(report, encoding="utf-8") as handle:
            data = json.load(handle)
        self.assertEqual(data["checked_files"], ["tools/fast", "tools/legacy", "tools/run"])
        found = self.findings(report)
        for name in ("tools/fast", "tools/legacy", "tools/run"):
            self.assertIn(("bandit", "B602", name, 8), found)
            self.assertIn(("pylint", "E0602", name, 13), found)
        self.assertEqual(data["notes"][0], "skipped tools/build: not a Python file")

    def test_every_skipped_file_is_named(self):
        self.repo.write("README.md", "project, documented\n")
        self.repo.write("data.bin", b"\x00\x01\x02binary\x00")
        os.symlink("lib/util.py", os.path.join(self.repo.path, "link.py"))
        self.repo.write("vendor/old.py", VULNERABLE)
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("mixed change")
        self.repo.write(".codegate.yml", "exclude: [\"vendor/**\"]\n")  # local runs read the working tree's
        result = self.check("--base", "main", "--no-llm")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stdout.split("\n\n")[-1],
                         "codegate: intent check skipped: turned off (--no-llm or intent.enabled: false)\n"
                         "codegate: skipped README.md: not a Python file\n"
                         "codegate: skipped data.bin: binary\n"
                         "codegate: skipped link.py: a symbolic link\n"
                         "codegate: skipped vendor/old.py: excluded by the configuration\n"
                         "codegate: 3 findings reported (2 fail the gate); FAILED\n")

    def test_many_skipped_files_are_counted(self):
        for i in range(12):
            self.repo.write(f"docs/page{i:02}.txt", "text\n")
        self.repo.write("z.bin", b"\x00binary")
        self.repo.commit("documents")
        report = self.tmp("r.json")
        result = self.check("--base", "main", "--json", report)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(report, encoding="utf-8") as handle:
            notes = json.load(handle)["notes"]
        self.assertEqual(notes[:12], [f"skipped docs/page{i:02}.txt: not a Python file" for i in range(10)] +
                         ["skipped 3 more files (1 binary, 2 not a Python file)", "no Python files changed"])


class BadInput(CheckTestCase):
    def test_not_a_git_repository(self):
        with tempfile.TemporaryDirectory() as empty:
            result = codegate.run("check", "--repo", empty)
        self.assertEqual(result.returncode, 2)
        self.assertIn("is not inside a git repository", result.stderr)
        self.assertIn("pass --repo DIR", result.stderr)

    def test_unknown_revision(self):
        result = self.check("--base", "no-such-branch")
        self.assertEqual(result.returncode, 2)
        self.assertIn("codegate: error: unknown revision 'no-such-branch'", result.stderr)

    def test_no_base_to_compare_against(self):
        repo = GitRepo(branch="trunk")
        try:
            repo.write("a.py", CLEAN)
            repo.commit("only")
            result = codegate.run("check", "--repo", repo.path)
        finally:
            repo.cleanup()
        self.assertEqual(result.returncode, 2)
        self.assertIn("pass --base REV", result.stderr)

    def test_shallow_clone_without_the_base_commit(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("vulnerable")
        with tempfile.TemporaryDirectory() as clone:
            subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "feature",
                            "file://" + self.repo.path, clone], check=True)
            result = codegate.run("check", "--repo", clone, "--base", self.base)
            self.assertEqual(result.returncode, 2)
            self.assertIn("not in this shallow clone; fetch more history (actions/checkout: fetch-depth: 0",
                          result.stderr)

    def test_empty_change_passes_and_says_so(self):
        self.repo.write("docs.txt", "only text\n")
        self.repo.commit("docs")
        result = self.check("--base", "main")
        self.assertEqual(result.returncode, 0)
        self.assertIn("no Python files changed", result.stdout)

    def test_invalid_yaml_names_file_line_and_column(self):
        self.repo.write(".codegate.yml", "pylint:\n  fail_on: [error\n")
        result = self.check("--base", "main")
        self.assertEqual(result.returncode, 2)
        self.assertRegex(result.stderr, r"codegate: error: \.codegate\.yml:3:1: invalid YAML")

    def test_unknown_key_is_an_error(self):
        self.repo.write(".codegate.yml", "bandit:\n  severty: high\n")
        result = self.check("--base", "main")
        self.assertEqual(result.returncode, 2)
        self.assertIn(".codegate.yml:2:3: unknown key 'severty' in 'bandit'", result.stderr)

    def test_awkward_file_contents(self):
        self.repo.write("lib/latin1.py", b'"""Caf\xe9."""\nNAME = "\xe9t\xe9"\n')
        self.repo.write("lib/crlf.py", VULNERABLE.replace("\n", "\r\n"))
        self.repo.write("lib/empty.py", "")
        # 10,000 lines (120 KB): larger than nearly any real module, far under the 4 MiB limit, and
        # 25 s of Pylint (40,000 lines took 115 s of the suite's CPU for nothing more).
        self.repo.write("lib/big.py", '"""Big."""\n' + "".join(f"V{i} = {i}\n" for i in range(10000)))
        self.repo.commit("awkward files")
        report = self.tmp("r.json")
        result = self.check("--base", "main", "--json", report, "--sarif", self.tmp("r.sarif"))
        self.assertEqual(result.returncode, 1, result.stderr)
        found = self.findings(report)
        self.assertIn(("bandit", "B602", "lib/crlf.py", 7), found)
        with open(report, encoding="utf-8") as handle:
            data = json.load(handle)
        self.assertEqual(sorted(data["checked_files"]),
                         ["lib/big.py", "lib/crlf.py", "lib/empty.py", "lib/latin1.py"])
        with open(self.tmp("r.sarif"), encoding="utf-8") as handle:
            json.load(handle)  # valid UTF-8 JSON despite the Latin-1 source

    def test_awkward_file_names_never_become_options(self):
        names = ["-rf.py", "--version.py", "dir with space/my file.py", "données/ünïcode.py"]
        for name in names:
            self.repo.write(name, VULNERABLE)
        self.repo.commit("awkward names")
        report = self.tmp("r.json")
        result = self.check("--base", "main", "--json", report)
        self.assertEqual(result.returncode, 1, result.stderr)
        found = self.findings(report)
        for name in names:
            self.assertIn(("bandit", "B602", name, 7), found)
            self.assertIn(("pylint", "E0602", name, 12), found)

    def test_syntax_error_is_a_finding_and_bandit_parse_error_a_note(self):
        self.repo.write("lib/bad.py", "def broken(:\n    pass\n")
        self.repo.commit("syntax error")
        report = self.tmp("r.json")
        result = self.check("--base", "main", "--json", report)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn(("pylint", "E0001", "lib/bad.py", 1), self.findings(report))
        with open(report, encoding="utf-8") as handle:
            notes = json.load(handle)["notes"]
        self.assertIn("bandit could not scan lib/bad.py: syntax error while parsing AST from file", notes)

    def test_bad_option_is_a_usage_error(self):
        result = codegate.run("check", "--filter-mode", "everything")
        self.assertEqual(result.returncode, 2)
        self.assertIn("codegate check --help", result.stderr)

    def test_a_named_choice_it_does_not_know_is_exit_2_before_any_analysis(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("vulnerable")
        for option, value, names in (("--comment", "all", "{none,summary,review,both}"),
                                     ("--comment-level", "info", "{failing,error,warning,note}")):
            for command in (("check", "--repo", self.repo.path, "--base", "main"), ("merge", self.tmp("shard.json"))):
                result = codegate.run(*command, option, value)
                self.assertEqual((result.returncode, result.stdout), (2, ""), result.stderr)
                self.assertIn(f"codegate: error: {option}: {value} not in {names}", result.stderr)
                self.assertNotIn("checking", result.stderr)

    def test_unknown_option_before_the_subcommand_names_the_option(self):
        result = codegate.run("-V")
        self.assertEqual((result.returncode, result.stdout, result.stderr),
                         (2, "", "codegate: error: The following argument was not expected: -V\n"
                                 "Run 'codegate --help' or 'codegate check --help' for usage.\n"))
        result = codegate.run("-q")
        self.assertEqual((result.returncode, result.stderr),
                         (2, "codegate: error: A subcommand is required\n"
                             "Run 'codegate --help' or 'codegate check --help' for usage.\n"))

    def test_fix_help_shows_no_default_and_a_bare_fix_means_patch(self):
        result = codegate.run("check", "--help")
        self.assertIn("\n  --fix [MODE]:{none,patch,apply,commit,push,suggest}\n"
                      "                              Let the LLM refine failing files: none, patch, apply, commit, "
                      "push, suggest (default: refine.fix, else none; a bare --fix means patch)\n", result.stdout)
        # The refine loop starts (and stops at once on codegate's own commit) only when --fix means a mode.
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("codegate: fix it\n\nCodegate-Refined: true")
        report = self.tmp("r.json")
        for args, refined in (([], False), (["--fix"], True), (["--fix", "none"], False)):
            result = self.check("--base", "main", "--no-llm", "--json", report, *args)
            self.assertEqual(result.returncode, 1, result.stderr)
            with open(report, encoding="utf-8") as handle:
                notes = json.load(handle)["notes"]
            self.assertEqual(any(note.startswith("refine skipped: the analysed commit is codegate's own")
                                 for note in notes), refined, (args, notes))

    def test_help_and_version(self):
        self.assertEqual(codegate.run("--version").stdout.strip(), "codegate 0.1.0")
        result = codegate.run("check", "--help")
        self.assertEqual(result.returncode, 0)
        self.assertIn("--filter-mode", result.stdout)


class ToolFailures(CheckTestCase):
    """Fake tools as small scripts on PATH: a failing analyzer is exit 3, never a pass."""

    def fake_tools(self, pylint_script, bandit_script=REAL_BANDIT):
        return fake_tools(pylint_script, bandit_script)

    def setUp(self):
        super().setUp()
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("vulnerable")

    def test_missing_pylint(self):
        env = self.fake_tools(None)
        env["PATH"] = env["PATH"].split(":")[0]  # only the fake bandit: no pylint anywhere
        result = self.check("--base", "main", env=env)
        self.assertEqual(result.returncode, 3)
        self.assertIn("is not installed or not on PATH; install it with: apt-get install", result.stderr)

    def test_crashing_pylint(self):
        env = self.fake_tools('echo "Traceback: astroid exploded" >&2; exit 1')
        result = self.check("--base", "main", env=env)
        self.assertEqual(result.returncode, 3)
        self.assertIn("Pylint printed output that is not its JSON report", result.stderr)
        self.assertIn("astroid exploded", result.stderr)
        self.assertIn("apt-get install pylint", result.stderr)

    def test_pylint_usage_error(self):
        env = self.fake_tools('echo "usage: pylint" >&2; exit 32')
        result = self.check("--base", "main", env=env)
        self.assertEqual(result.returncode, 3)
        self.assertIn("pylint failed (exit 32)", result.stderr)

    def test_bandit_garbage(self):
        env = self.fake_tools('exec /usr/bin/pylint "$@"', 'echo "not json"; exit 1')
        result = self.check("--base", "main", env=env)
        self.assertEqual(result.returncode, 3)
        self.assertIn("Bandit printed output that is not its JSON report", result.stderr)


class TerminalColour(CheckTestCase):
    """Colour only when stdout is a terminal, and never with NO_COLOR (https://no-color.org)."""

    def run_on_terminal(self, extra_env):
        master, slave = pty.openpty()
        env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "NO_COLOR")}
        env.update(extra_env)
        process = subprocess.Popen([codegate.binary(), "check", "--repo", self.repo.path, "--base", "main", "--no-llm"],
                                   stdout=slave, stderr=subprocess.DEVNULL, env=env)
        os.close(slave)
        output = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            output += chunk
        process.wait(timeout=300)
        os.close(master)
        return output.decode("utf-8", "replace")

    def test_colour_on_a_terminal_only_and_never_with_no_color(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("vulnerable")
        self.assertIn("\x1b[", self.run_on_terminal({}))
        self.assertNotIn("\x1b[", self.run_on_terminal({"NO_COLOR": "1"}))
        piped = self.check("--base", "main")
        self.assertIn("B602", piped.stdout)
        self.assertNotIn("\x1b[", piped.stdout)


class TrustedConfiguration(CheckTestCase):
    def test_ci_reads_configuration_from_the_base_revision(self):
        marker = self.tmp("init-hook-ran")
        self.repo.write(".codegate.yml", "bandit:\n  enabled: false\n")
        self.repo.write(".pylintrc", f"[MASTER]\ninit-hook='open(\"{marker}\", \"w\").close()'\n")
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.commit("disable the gate from the pull request")
        result = self.check("--base", "main", env={"CI": "true"})
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("B602", result.stdout)
        self.assertFalse(os.path.exists(marker), "the pull request's init-hook ran")
        self.assertIn("configuration read from commit " + self.base[:7], result.stderr)

    def test_trusted_config_from_a_named_revision(self):
        self.repo.git("checkout", "-q", "main")
        self.repo.write(".codegate.yml", "pylint:\n  fail_on: [convention]\n")
        self.repo.commit("strict config on main")
        self.repo.git("checkout", "-q", "feature")
        self.repo.write("lib/more.py", CLEAN.replace('"""Arithmetic helpers."""\n', ""))
        self.repo.commit("no module docstring")
        self.assertEqual(self.check("--base", "main").returncode, 0)
        self.assertEqual(self.check("--base", "main", "--trusted-config-from", "main").returncode, 1)

    def test_local_runs_use_the_working_tree_configuration(self):
        self.repo.write("lib/more.py", CLEAN.replace("second):", "second, unused):"))
        self.repo.commit("unused argument")
        self.repo.write(".codegate.yml", "pylint:\n  fail_on: [warning]\n")
        self.assertEqual(self.check("--base", "main").returncode, 1)


if __name__ == "__main__":
    unittest.main()
