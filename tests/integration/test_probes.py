"""An attacker's probes (issue "Fail closed, round two"): each change below adds a shell call that
Bandit reports (B602) and must fail the gate or be refused as not analysed, never pass. Real git
repositories, the real binary, the real Pylint and Bandit.

The common rule (pipeline/line_agreement.h): a finding's path and line are the tools' words for
git's, so a file on which Python and git would count lines or name it differently is refused
(codegate/not-analysed), and a finding that names no file the tools were given stops the run."""

import json
import os
import resource
import signal
import subprocess
import tempfile
import unittest

from support import codegate
from support.fake_tools import fake_tools
from support.gitrepo import GitRepo

SHELL = b"import subprocess\nsubprocess.call(input(), shell=True)\n"


class ProbeCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.out = tempfile.mkdtemp(prefix="codegate-probe-")

    def tearDown(self):
        self.repo.cleanup()

    def base(self, files=None):
        for name, content in (files or {}).items():
            self.repo.write(name, content)
        self.repo.commit("base")
        self.repo.git("tag", "base")

    def check(self, *args, env=None):
        report = os.path.join(self.out, "r.json")
        result = codegate.run("check", "--repo", self.repo.path, "--base", "base", "--head", "HEAD", "--no-llm",
                              "--json", report, *args, env=env)
        data = None
        if os.path.exists(report):
            with open(report, encoding="utf-8") as handle:
                data = json.load(handle)
        return result, data

    def not_analysed(self, data):
        return {f["path"]: f["message"] for f in data["findings"] if f["rule_id"] == "not-analysed"}

    def assert_refused(self, path, reason_start, *args, given_to_the_tools=False):
        result, data = self.check(*args)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        refused = self.not_analysed(data)
        self.assertIn(path, refused, data["findings"])
        self.assertTrue(refused[path].startswith(f"{path} was not analysed: {reason_start}"), refused[path])
        self.assertEqual(path in data["checked_files"], given_to_the_tools)
        return result, data


class SourceEncodings(ProbeCase):
    """1. Python honours a PEP 263 coding line; under some codecs its lines are not git's."""

    def test_unicode_escape_turns_a_comment_into_code(self):
        self.base()
        self.repo.write("tool.py", b'# -*- coding: unicode_escape -*-\n"""T."""\n# x\\nimport subprocess\\n'
                                   b'subprocess.call(input(), shell=True)\n')
        self.repo.commit("h")
        result, _ = self.assert_refused("tool.py", "it declares the source encoding 'unicode_escape'")
        self.assertIn("tool.py:1:1: error [codegate not-analysed]", result.stdout)
        # Refused in every filter mode, and whatever the thresholds say.
        for mode in ("added", "diff_context", "file", "nofilter"):
            self.assertEqual(self.check("--filter-mode", mode)[0].returncode, 1, mode)
        self.assertEqual(self.check("--fail-level", "none")[0].returncode, 1)

    def test_other_codecs_and_spellings_are_refused(self):
        self.base()
        cases = {
            "a.py": b"# vim: set fileencoding=raw-unicode-escape :\n" + SHELL,
            "b.py": b"#!/usr/bin/env python3\n# coding=utf_7\n" + SHELL,
            "c.py": b"\n# -*- coding: UTF-16 -*-\n" + SHELL,
            "d.py": b"# coding: rot13\n" + SHELL,
        }
        for name, content in cases.items():
            self.repo.write(name, content)
        self.repo.commit("h")
        _, data = self.check()
        refused = self.not_analysed(data)
        self.assertEqual(sorted(refused), ["a.py", "b.py", "c.py", "d.py"])
        self.assertIn("'raw-unicode-escape'", refused["a.py"])
        self.assertIn("'utf_7'", refused["b.py"])
        self.assertIn("'UTF-16'", refused["c.py"])

    def test_encodings_that_keep_lines_are_analysed(self):
        self.base()
        self.repo.write("latin.py", "# -*- coding: latin-1 -*-\n# café\n".encode("latin-1") + SHELL)
        self.repo.write("utf8.py", b"# coding=UTF_8\n" + SHELL)
        self.repo.write("bom.py", b"\xef\xbb\xbf# -*- coding: utf-8 -*-\n" + SHELL)
        # A coding line after a line of code is no declaration (PEP 263): Python reads UTF-8.
        self.repo.write("late.py", b"X = 1\n# coding: unicode_escape\n" + SHELL)
        self.repo.commit("h")
        result, data = self.check()
        self.assertEqual(result.returncode, 1)
        self.assertEqual(self.not_analysed(data), {})
        shell = sorted((f["path"], f["line"]) for f in data["findings"] if f["rule_id"] == "B602")
        self.assertEqual(shell, [("bom.py", 3), ("late.py", 4), ("latin.py", 4), ("utf8.py", 3)])
        self.assertTrue(all(f["fails_gate"] for f in data["findings"] if f["rule_id"] == "B602"))


class UnparsedFiles(ProbeCase):
    def test_importing_a_module_that_does_not_parse_is_not_refusing_the_importer(self):
        # Pylint's "Cannot import 'x' due to syntax error" (E0001) is about the import, not the file.
        self.base({"pkg/__init__.py": "", "pkg/broken.py": '"""B."""\ndef f(:\n'})
        self.repo.write("pkg/user.py", '"""U."""\nfrom pkg.broken import f\n\nf()\n')
        self.repo.commit("h")
        _, data = self.check()
        self.assertIn("E0001", [f["rule_id"] for f in data["findings"]])  # Cannot import 'pkg.broken'
        self.assertEqual(self.not_analysed(data), {})

    """A file the tools cannot parse had none of its code checked, whichever line the error is on:
    syntax of a newer Python than the tools run on (PEP 695 on 3.11), or an old syntax error,
    must not let new code in the same file pass because the error is on an unchanged line."""

    def test_an_old_parse_error_refuses_the_file_in_every_mode(self):
        self.base({"new_syntax.py": '"""N."""\ntype Alias = list[int]  # 3.12\n' if _tools_python() < (3, 12)
                   else '"""N."""\nprint "py2"\n'})
        with open(os.path.join(self.repo.path, "new_syntax.py"), encoding="utf-8") as handle:
            old = handle.read()
        self.repo.write("new_syntax.py", old.encode() + SHELL)
        self.repo.commit("h")
        result, data = self.assert_refused("new_syntax.py", "pylint could not parse it (E0001 at line 2: ",
                                           given_to_the_tools=True)
        self.assertEqual(len(self.not_analysed(data)), 1)  # one for the file, though both tools refuse it
        self.assertEqual(self.check("--filter-mode", "added")[0].returncode, 1)

    def test_bandit_alone_refuses_it_too(self):
        self.base({".codegate.yml": "pylint:\n  enabled: false\n"})
        self.repo.write("broken.py", b'"""B."""\ndef f(:\n' + SHELL)
        self.repo.commit("h")
        self.assert_refused("broken.py", "bandit could not parse it", given_to_the_tools=True)


def _tools_python():
    """The Python Pylint runs on, from its --version."""
    out = subprocess.run(["pylint", "--version"], capture_output=True, text=True, check=True).stdout
    version = out.split("Python ")[1].split()[0]
    return tuple(int(part) for part in version.split(".")[:2])


class Attributes(ProbeCase):
    """2. The change's .gitattributes must not decide what the gate analyses."""

    def test_minus_diff_does_not_make_python_binary(self):
        self.base()
        self.repo.write("evil.py", SHELL)
        self.repo.write(".gitattributes", "*.py -diff\n")
        self.repo.commit("h")
        result, data = self.check(env={"CI": "true"})
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertEqual(data["checked_files"], ["evil.py"])
        self.assertIn(("evil.py", "B602", True), [(f["path"], f["rule_id"], f["fails_gate"]) for f in data["findings"]])
        self.assertNotIn("binary", result.stderr)

    def test_binary_attribute_and_a_base_gitattributes_too(self):
        self.base({".gitattributes": "*.py binary\n"})
        self.repo.write("evil.py", SHELL)
        self.repo.commit("h")
        result, data = self.check()
        self.assertEqual(result.returncode, 1)
        self.assertEqual(data["checked_files"], ["evil.py"])

    def test_a_python_file_with_a_nul_byte_is_refused_not_skipped(self):
        self.base()
        self.repo.write("nul.py", SHELL + b"X = '\x00'\n")
        self.repo.write("image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
        self.repo.commit("h")
        result, data = self.assert_refused("nul.py", "line 3 holds a NUL byte")
        self.assertIn("skipped image.png: binary", data["notes"])
        self.assertNotIn("no Python files changed", result.stdout + result.stderr)

    def test_a_python_file_git_calls_binary_without_a_nul_is_refused(self):
        self.base()
        self.repo.write("noise.py", SHELL + b"X = '" + bytes(range(1, 9)) * 200 + b"'\n")
        self.repo.commit("h")
        self.assert_refused("noise.py", "git calls it binary")


class FileNames(ProbeCase):
    """3. A name the tools print in other bytes than git's."""

    def test_a_latin1_name_is_refused(self):
        self.base()
        self.repo.write(b"lat\xe9.py".decode("utf-8", "surrogateescape"), SHELL)
        self.repo.commit("h")
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        refused = self.not_analysed(data)
        self.assertEqual(len(refused), 1)
        self.assertIn("its name is not valid UTF-8", next(iter(refused.values())))
        # Whole-file mode, as the pre-commit hook runs it, refuses it too.
        self.assertEqual(self.check("--filter-mode", "file")[0].returncode, 1)

    def test_decomposed_and_spaced_names_are_analysed_under_their_own_bytes(self):
        self.base()
        nfd = "cafe\u0301.py"
        self.repo.write(nfd, SHELL)
        self.repo.write("with space.py", SHELL)
        self.repo.write("-dash.py", SHELL)
        self.repo.commit("h")
        result, data = self.check()
        self.assertEqual(result.returncode, 1)
        paths = sorted({f["path"] for f in data["findings"] if f["rule_id"] == "B602" and f["fails_gate"]})
        self.assertEqual(paths, sorted(["-dash.py", nfd, "with space.py"]))


class CopiedBaseFindings(ProbeCase):
    """4. The base's one copy of a finding is not spent on the copy the change added."""

    LEGACY = '''import subprocess


def run(cmd):
    """R."""
    subprocess.call(cmd, shell=True)
'''

    def test_a_copy_of_old_code_is_new(self):
        self.base({"legacy.py": self.LEGACY})
        self.repo.write("new_copy.py", self.LEGACY)
        self.repo.write("legacy.py", self.LEGACY + "# t\n")
        self.repo.commit("h")
        for mode in ("added", "diff_context"):
            result, data = self.check("--filter-mode", mode)
            self.assertEqual(result.returncode, 1, mode + result.stdout)
            shell = {f["path"]: (f["baseline"], f["fails_gate"]) for f in data["findings"] if f["rule_id"] == "B602"}
            self.assertEqual(shell["new_copy.py"], ("new", True), mode)
            self.assertFalse(shell["legacy.py"][1], mode)

    def test_two_new_copies_of_one_old_one_are_both_new(self):
        self.base({"legacy.py": self.LEGACY})
        self.repo.write("legacy.py", self.LEGACY.replace('"""R."""', '"""Run."""'))
        self.repo.write("a_copy.py", self.LEGACY)
        self.repo.write("b_copy.py", self.LEGACY)
        self.repo.commit("h")
        _, data = self.check()
        failing = sorted(f["path"] for f in data["findings"] if f["rule_id"] == "B602" and f["fails_gate"])
        self.assertEqual(failing, ["a_copy.py", "b_copy.py"])

    def test_code_moved_to_another_file_is_still_old(self):
        self.base({"legacy.py": self.LEGACY, "other.py": '"""Other."""\n'})
        self.repo.write("legacy.py", '"""Emptied."""\n')
        self.repo.write("other.py", '"""Other."""\n' + self.LEGACY)
        self.repo.commit("h")
        result, data = self.check()
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertEqual([(f["path"], f["baseline"]) for f in data["findings"] if f["rule_id"] == "B602"],
                         [("other.py", "existing")])


class CarriageReturns(ProbeCase):
    """5. Python ends a line at a lone CR; git does not."""

    def test_a_lone_cr_after_a_suppressed_pragma_is_refused(self):
        self.base()
        self.repo.write("cr.py", b'"""T."""\nimport subprocess\nX = 1  # pylint: disable=invalid-character-carriage-return'
                                 b'\rsubprocess.call(input(), shell=True)\n')
        self.repo.commit("h")
        self.assert_refused("cr.py", "line 3 holds a carriage return that no line feed follows")
        self.assertEqual(self.check("--filter-mode", "file")[0].returncode, 1)

    def test_a_lone_cr_in_an_old_line_refuses_the_changed_file(self):
        self.base({"old.py": b'"""T."""\nX = 1  # note\rY = 2\n'})
        self.repo.write("old.py", b'"""T."""\nX = 1  # note\rY = 2\n' + SHELL)
        self.repo.commit("h")
        self.assert_refused("old.py", "line 2 holds a carriage return")

    def test_crlf_files_and_other_separators_keep_their_lines(self):
        self.base()
        self.repo.write("crlf.py", SHELL.replace(b"\n", b"\r\n"))
        # Form feed, vertical tab, file separator, NEL and LINE SEPARATOR end a line for
        # str.splitlines(), not for Python's tokenizer: the finding stays on git's line 4. (The
        # docstring keeps the control characters under git's binary threshold.)
        for n, char in enumerate(["\f", "\v", "\x1c", "\x85", "\u2028"]):
            self.repo.write(f"sep{n}.py", f'"""{"Separators. " * 12}"""\n# a{char}b\nimport subprocess\n'
                                          "subprocess.call(input(), shell=True)\n")
        self.repo.commit("h")
        result, data = self.check()
        self.assertEqual(result.returncode, 1)
        self.assertEqual(self.not_analysed(data), {})
        shell = sorted((f["path"], f["line"], f["fails_gate"]) for f in data["findings"] if f["rule_id"] == "B602")
        self.assertEqual(shell, [("crlf.py", 2, True)] + [(f"sep{n}.py", 4, True) for n in range(5)])



class ToolsAnalyseWhatTheyAreGiven(ProbeCase):
    """7. A tool's own defaults or its configuration's excludes must not drop a file unseen."""

    def test_pylint_default_ignores_do_not_apply(self):
        self.base()
        self.repo.write(".#job.py", '"""Job."""\nprint(undefined_name)\n')
        self.repo.write("CVS", '#!/usr/bin/env python3\n"""Script."""\nprint(undefined_name)\n')
        self.repo.commit("h")
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        found = sorted((f["path"], f["rule_id"]) for f in data["findings"] if f["tool"] == "pylint" and f["fails_gate"])
        self.assertEqual(found, [(".#job.py", "E0602"), ("CVS", "E0602")])

    def test_bandit_default_excludes_do_not_apply(self):
        self.base()
        self.repo.write(".github/scripts/deploy.py", b'"""Deploy."""\n' + SHELL)
        self.repo.write("build/x.egg/run.py", b'"""Run."""\n' + SHELL)
        self.repo.commit("h")
        _, data = self.check()
        failing = sorted(f["path"] for f in data["findings"] if f["rule_id"] == "B602" and f["fails_gate"])
        self.assertEqual(failing, [".github/scripts/deploy.py", "build/x.egg/run.py"])

    def test_a_file_bandits_exclude_dirs_leaves_out_is_not_analysed(self):
        self.base({".codegate.yml": "bandit:\n  config: bandit.yml\n", "bandit.yml": "exclude_dirs: [tests]\n"})
        self.repo.write("src/latests.py", b'"""Latest."""\n' + SHELL)
        self.repo.commit("h")
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertEqual(self.not_analysed(data), {
            "src/latests.py": "src/latests.py was not analysed: bandit was given it and did not scan it: its "
                              "configuration's exclude_dirs, which Bandit matches as a substring of the path, left it "
                              "out. List the files to leave out under exclude: in .codegate.yml, so the gate and every "
                              "tool agree."})


class WhereToolsStart(ProbeCase):
    """6. No tool or helper starts where the change's files could configure it (Pylint parses
    ./pyproject.toml even for --version)."""

    def test_every_tool_run_starts_outside_the_checkout(self):
        log = os.path.join(self.out, "cwd.log")
        record = f'echo "$PWD|$(ls -A | wc -l)|$1" >> {log}\n'
        env = fake_tools(record + 'exec /usr/bin/pylint "$@"', record + 'exec /usr/bin/bandit "$@"')
        self.base()
        # A dotted key that costs Pylint's TOML parser gigabytes, were it ever read.
        self.repo.write("pyproject.toml", "[tool.x]\n" + ".".join(["a"] * 2000) + " = 1\n")
        self.repo.write("tools.py", '"""Tools."""\n# pylint: disable=eval-used\nprint(eval("1"))\n')
        self.repo.commit("h")
        result = codegate.run("check", "--base", "base", "--no-llm", "--no-cache", cwd=self.repo.path, env=env)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        with open(log, encoding="utf-8") as handle:
            runs = [line.rstrip("\n").split("|") for line in handle]
        queries = [run for run in runs if run[2] in ("--version", "--help-msg")]
        self.assertGreaterEqual(len(queries), 3, runs)  # both versions, and Pylint's help for the suppression
        for cwd, entries, _ in runs:
            self.assertFalse(os.path.realpath(cwd).startswith(os.path.realpath(self.repo.path)), runs)
        for cwd, entries, _ in queries:
            self.assertEqual(entries, "0", runs)



class ReportSizes(ProbeCase):
    """9. A report repeats each finding's line: one long line must not make it grow with its square."""

    def test_snippets_of_a_long_line_are_cut_and_the_reports_say_so(self):
        self.base()
        line = "; ".join(f"eval('{n}')" for n in range(1000))  # about 15 KB, 1,000 findings per tool
        self.repo.write("long.py", '"""Long."""\n' + line + "\n")
        self.repo.commit("h")
        sarif = os.path.join(self.out, "r.sarif")
        result, data = self.check("--sarif", sarif)
        self.assertEqual(result.returncode, 1)
        evals = [f for f in data["findings"] if f["rule_id"] in ("B307", "W0123")]
        self.assertEqual(len(evals), 2000)
        self.assertTrue(all(len(f["snippet"].encode()) <= 240 + 7 for f in evals))
        # The window holds the call the finding is about, and says where it was cut.
        last = next(f for f in evals if f["rule_id"] == "W0123" and f["column"] == line.index("eval('999')") + 1)
        self.assertTrue(last["snippet"].startswith("...") and "eval('999')" in last["snippet"], last["snippet"])
        self.assertIn("2000 findings' snippets were cut to 240 bytes a line (\"...\" marks the cut)", data["notes"])
        self.assertLess(os.path.getsize(sarif), 3_000_000)
        # --no-llm: no note about what the intent check's prompt would have cut.
        self.assertFalse([n for n in data["notes"] if "for the intent check" in n], data["notes"])
        self.assertLess(len(result.stdout), 3_000_000)



class ReportFiles(ProbeCase):
    """12, 13. A report that could not be written whole is exit 3 and leaves nothing behind."""

    def setUp(self):
        super().setUp()
        self.base()
        self.repo.write("many.py", '"""Many."""\n' + "".join(f"X{n} = eval('{n}')\n" for n in range(300)))
        self.repo.commit("h")

    def run_limited(self, *args, stdout=subprocess.PIPE):
        """codegate with files capped at 64 KiB (RLIMIT_FSIZE, SIGXFSZ ignored: a write past it fails
        with EFBIG, as on a full file system)."""
        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
        return subprocess.run([codegate.binary(), "check", "--repo", self.repo.path, "--base", "base", "--no-llm",
                               "--no-cache", *args], env=codegate.environment(), stdout=stdout,
                              stderr=subprocess.PIPE, text=True, preexec_fn=limit, timeout=600)

    def test_a_report_file_cut_short_is_not_left_behind(self):
        sarif = os.path.join(self.out, "x.sarif")
        with open(sarif, "w", encoding="utf-8") as handle:
            handle.write("a stale report of an earlier run")
        result = self.run_limited("--sarif", sarif)
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn(f"codegate: error: cannot write the report: cannot write {sarif}: File too large", result.stderr)
        self.assertEqual(sorted(os.listdir(self.out)), ["x.sarif"])  # no temporary left
        with open(sarif, encoding="utf-8") as handle:
            self.assertEqual(handle.read(), "a stale report of an earlier run")  # nothing half-written

    def test_a_report_to_a_full_stdout_is_exit_3(self):
        with open("/dev/full", "w", encoding="utf-8") as full:
            result = self.run_limited("--format", "sarif", stdout=full)
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("codegate: error: cannot write the report to standard output: No space left on device",
                      result.stderr)

    def test_a_device_is_written_in_place(self):
        result = self.run_limited("--json", "/dev/stdout")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn('"checked_files": [', result.stdout)



class SmallerThings(ProbeCase):
    def test_verbosity_flags_after_the_subcommand(self):
        self.base()
        self.repo.write("m.py", '"""M."""\nX = 1\n')
        self.repo.commit("h")
        for args in (("check", "-v"), ("-v", "check")):
            result = codegate.run(*args, "--repo", self.repo.path, "--base", "base", "--no-llm")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("codegate: debug: running pylint", result.stderr)
        result = codegate.run("check", "--repo", self.repo.path, "--base", "base", "--no-llm", "-q")
        self.assertEqual((result.returncode, result.stderr), (0, ""))
        result = codegate.run("check", "--repo", self.repo.path, "--bogus")
        self.assertEqual(result.returncode, 2)
        self.assertIn("codegate: error: The following argument was not expected: --bogus", result.stderr)

    def test_an_unwritable_cache_is_a_warning_without_v(self):
        self.base()
        self.repo.write("m.py", '"""M."""\nX = 1\n')
        self.repo.commit("h")
        cache = os.path.join(self.out, "cache")
        os.makedirs(os.path.join(cache, "codegate"))
        with open(os.path.join(cache, "codegate", "results"), "w", encoding="utf-8") as handle:
            handle.write("a file where the cache's directory should be\n")  # stops root too
        result = codegate.run("check", "--repo", self.repo.path, "--base", "base", "--no-llm",
                              env={"XDG_CACHE_HOME": cache})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr.count("codegate: warning: result cache: "), 1, result.stderr)


if __name__ == "__main__":
    unittest.main()
