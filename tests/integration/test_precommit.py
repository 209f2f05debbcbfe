"""The pre-commit hooks of .pre-commit-hooks.yaml run by the real pre-commit: a commit, `--all-files`
and `--files` all gate the staged content of the files pre-commit passes, whole."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

import yaml

from support import codegate
from support.gitrepo import GitRepo
from support.samples import CLEAN, VULNERABLE

HOOKS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".pre-commit-hooks.yaml")

def vulnerable_report(name, files=1):
    """What the hook prints when `files` files are checked, VULNERABLE in `name` and the others clean
    (pre-commit shows stdout and stderr merged)."""
    return (f"codegate: checking whole files of the index\n"
            f"codegate: checking {files} Python file{'s' if files > 1 else ''} with pylint and bandit\n"
            f"{name}\n"
            f"{name}:2:1: note [bandit B404 blacklist CWE-78] Consider possible security implications associated "
            f"with subprocess module.\n"
            f"  2 | import subprocess\n"
            f"{name}:7:1: error [bandit B602 subprocess_popen_with_shell_equals_true CWE-78] subprocess call with "
            f"shell=True identified, security issue. <- fails the gate\n"
            f"  7 |     return subprocess.call(command, shell=True)\n"
            f"{name}:12:12: error [pylint E0602 undefined-variable] Undefined variable 'undefined_name' "
            f"<- fails the gate\n"
            f"  12 |     return undefined_name\n"
            f"\n"
            f"codegate: intent check skipped: no LLM configured (set CODEGATE_LLM_API_KEY or OPENAI_API_KEY, or llm.base_url)\n"
            f"codegate: 3 findings reported (2 fail the gate); FAILED\n"
            f"\n")


def status_line(status):
    # pre-commit pads the hook's name with dots to 79 columns.
    name = "codegate (installed binary)"
    return name + "." * (79 - len(name) - len(status)) + status + "\n"


FAILED = status_line("Failed") + "- hook id: codegate-system\n- exit code: 1\n\n"
PASSED = status_line("Passed")


def local_hooks_config():
    """The shipped hooks as `repo: local` hooks (pre-commit cannot fetch this repository offline),
    with `codegate` in the system hook's entry replaced by the binary under test."""
    with open(HOOKS_FILE, encoding="utf-8") as handle:
        hooks = {hook["id"]: hook for hook in yaml.safe_load(handle)}
    hook = dict(hooks["codegate-system"])
    program, rest = hook["entry"].split(" ", 1)
    assert program == "codegate", hook["entry"]
    hook["entry"] = codegate.binary() + " " + rest
    hook.pop("description", None)
    return json.dumps({"repos": [{"repo": "local", "hooks": [hook]}]}, indent=2) + "\n"  # JSON is YAML


class PreCommitHooks(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        if shutil.which("pre-commit") is None:
            raise RuntimeError("pre-commit is not installed: apt-get install pre-commit "
                               "(CODEGATE_TEST_DEPS=1 scripts/setup)")

    def setUp(self):
        self.home = tempfile.TemporaryDirectory(prefix="codegate-pre-commit-home-")
        self.repo = GitRepo()
        self.repo.write(".pre-commit-config.yaml", local_hooks_config())
        self.repo.write("lib/__init__.py", "")
        self.repo.write("lib/util.py", CLEAN)
        self.repo.commit("base")
        self.run_in_repo("pre-commit", "install")

    def tearDown(self):
        self.repo.cleanup()
        self.home.cleanup()

    def run_in_repo(self, *argv):
        # Offline: local hooks only, pre-commit's cache in a temporary directory.
        env = codegate.environment({"PRE_COMMIT_HOME": self.home.name, "GIT_CONFIG_GLOBAL": "/dev/null",
                                    "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1"})
        return subprocess.run(argv, cwd=self.repo.path, env=env, capture_output=True, text=True, timeout=600)

    def commit_without_hook(self, message):
        self.repo.git("add", "-A")
        self.repo.git("commit", "-q", "--no-verify", "-m", message)

    def head(self):
        return self.repo.git("rev-parse", "HEAD")

    def assert_output(self, result, expected_code, expected_stdout):
        self.assertEqual((result.returncode, result.stdout), (expected_code, expected_stdout), result.stderr)

    def assert_commit_output(self, result, expected_code, expected_stderr):
        # git shows a hook's output on its stderr.
        self.assertEqual((result.returncode, result.stderr), (expected_code, expected_stderr), result.stdout)

    def test_commit_adding_vulnerable_code_is_blocked(self):
        before = self.head()
        self.repo.write("lib/shell.py", VULNERABLE)
        self.repo.git("add", "lib/shell.py")
        result = self.run_in_repo("git", "commit", "-q", "-m", "add shell helper")
        self.assert_commit_output(result, 1, FAILED + vulnerable_report("lib/shell.py"))
        self.assertEqual(self.head(), before)

    def test_commit_all_gates_the_temporary_index(self):
        # `git commit -a` hands the hook a temporary index (GIT_INDEX_FILE); .git/index is still clean.
        before = self.head()
        self.repo.write("lib/util.py", VULNERABLE)
        result = self.run_in_repo("git", "commit", "-q", "-a", "-m", "rewrite util")
        self.assert_commit_output(result, 1, FAILED + vulnerable_report("lib/util.py"))
        self.assertEqual(self.head(), before)

    def test_clean_commit_passes(self):
        self.repo.write("lib/more.py", CLEAN)
        self.repo.git("add", "lib/more.py")
        result = self.run_in_repo("git", "commit", "-q", "-m", "add more")
        self.assert_commit_output(result, 0, PASSED)
        self.assertEqual(self.repo.git("log", "-1", "--format=%s"), "add more")

    def test_all_files_fails_on_committed_vulnerable_code(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        self.commit_without_hook("vulnerable code, committed without the hook")
        result = self.run_in_repo("pre-commit", "run", "--all-files")
        self.assert_output(result, 1, FAILED + vulnerable_report("lib/shell.py", files=3))

    def test_files_fails_on_committed_vulnerable_code(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        self.commit_without_hook("vulnerable code, committed without the hook")
        self.assert_output(self.run_in_repo("pre-commit", "run", "--files", "lib/util.py"), 0, PASSED)
        result = self.run_in_repo("pre-commit", "run", "--files", "lib/shell.py")
        self.assert_output(result, 1, FAILED + vulnerable_report("lib/shell.py"))

    def test_staged_content_is_checked_not_the_working_tree(self):
        self.repo.write("lib/shell.py", VULNERABLE)
        self.commit_without_hook("vulnerable code, committed without the hook")
        self.repo.write("lib/shell.py", CLEAN)  # fixed, not staged: the repository still has the bug
        result = self.run_in_repo("pre-commit", "run", "--files", "lib/shell.py")
        self.assert_output(result, 1, FAILED + vulnerable_report("lib/shell.py"))

    def test_python_script_without_suffix_is_checked(self):
        # pre-commit's `types: [python]` passes an executable with a Python shebang.
        self.repo.write("tools/run", VULNERABLE.replace('"""Helpers', '#!/usr/bin/env python3\n"""Helpers'))
        os.chmod(os.path.join(self.repo.path, "tools/run"), 0o755)
        self.commit_without_hook("a script")
        result = self.run_in_repo("pre-commit", "run", "--files", "tools/run")
        expected = vulnerable_report("tools/run")
        for line in (2, 7, 12):
            expected = expected.replace(f"tools/run:{line}:", f"tools/run:{line + 1}:").replace(
                f"  {line} | ", f"  {line + 1} | ")
        self.assert_output(result, 1, FAILED + expected)

    def test_file_named_like_an_option_stays_a_file(self):
        # Without the `--` ending the hook's entry, this name would make codegate write its JSON report
        # to lib/x.py and check nothing.
        name = "--json=lib/x.py"
        self.repo.write(name, VULNERABLE)
        self.commit_without_hook("vulnerable code with an awkward name")
        result = self.run_in_repo("pre-commit", "run", "--all-files")
        self.assert_output(result, 1, FAILED + vulnerable_report(name, files=3))
        self.assertFalse(os.path.exists(os.path.join(self.repo.path, "lib/x.py")))


if __name__ == "__main__":
    unittest.main()
