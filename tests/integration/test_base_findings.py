"""What the base had, and what the change caused (issue "Fail closed, round three", items 5 and 6).

A failing finding the change caused is the change's wherever its line is: deleting `import os`
leaves an undefined name on an untouched line, deleting `Loader=yaml.SafeLoader,` from a call
makes the untouched `yaml.load(` unsafe. And a finding is the base's only when the base had it at
the same or a higher level, where it could fail: not as advisory test code, not in a vendored file
that was never analysed. Real git repositories, the real binary, the real Pylint and Bandit."""

import json
import os
import shutil
import tempfile
import unittest

from support import codegate
from support.gitrepo import GitRepo


class BaseCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.out = tempfile.mkdtemp(prefix="codegate-base-")

    def tearDown(self):
        self.repo.cleanup()
        shutil.rmtree(self.out, ignore_errors=True)

    def fresh(self):
        """A new repository for the next variant."""
        self.repo.cleanup()
        self.repo = GitRepo()

    def base(self, files):
        for name, content in files.items():
            self.repo.write(name, content)
        self.repo.commit("base")
        self.repo.git("tag", "base")

    def change(self, files, removed=()):
        for name in removed:
            self.repo.git("rm", "-q", name)
        for name, content in files.items():
            self.repo.write(name, content)
        self.repo.commit("change")

    def check(self, *args, env=None):
        report = os.path.join(self.out, "r.json")
        result = codegate.run("check", "--repo", self.repo.path, "--base", "base", "--head", "HEAD", "--no-llm",
                              "--json", report, *args, env=dict(env or {}, CI="true"))
        with open(report, encoding="utf-8") as handle:
            return result, json.load(handle)

    @staticmethod
    def failing(report):
        return sorted((f["rule_id"], f["path"], f["line"]) for f in report["findings"] if f["fails_gate"])

    def assert_fails(self, expected, *args):
        result, report = self.check(*args)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertEqual(self.failing(report), expected, result.stdout)
        return result, report

    def assert_passes(self, *args):
        result, report = self.check(*args)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        return result, report


TOOL = '''"""Tools."""
import os


def where():
    """Return the working directory."""
    return os.getcwd()
'''

LOAD = '''"""Configuration."""
import yaml


def load(stream):
    """Read the configuration."""
    return yaml.load(
        stream,
        Loader=yaml.SafeLoader,
    )
'''

CALL = '''"""Shell."""
import subprocess


def run(name):
    """Run a fixed command."""
    return subprocess.call(
        {},
        shell=True,
    )
'''


class CausedOffTheAddedLines(BaseCase):
    """5. The change caused a failing finding on a line it did not add."""

    def test_deleting_an_import_leaves_an_undefined_name_on_an_untouched_line(self):
        self.base({"tool.py": TOOL})
        self.change({"tool.py": TOOL.replace("import os\n", "")})
        result, report = self.assert_fails([("E0602", "tool.py", 6)])
        e0602 = [f for f in report["findings"] if f["rule_id"] == "E0602"][0]
        self.assertEqual((e0602["filter"]["on_added_line"], e0602["filter"]["caused_by_change"], e0602["baseline"]),
                         (False, True, "new"))
        self.assertEqual(e0602["new_because"], "caused by the change: the base had no such finding (line 7 of tool.py)")
        self.assertIn("    on no added line, caused by the change: the base had no such finding (line 7 of tool.py)\n",
                      result.stdout)

    def test_other_shapes_of_a_definition_taken_away(self):
        variants = {
            "from-import": ("from os import getcwd\n", "getcwd()"),
            "aliased": ("import os.path as osp\n", "osp.join('a', 'b')"),
            "a function": ("\n\ndef helper():\n    \"\"\"Help.\"\"\"\n    return 1\n", "helper()"),
            "a constant": ("LIMIT = 3\n", "LIMIT"),
        }
        for name, (definition, use) in variants.items():
            with self.subTest(name):
                self.fresh()
                code = '"""M."""\n' + definition + '\n\ndef use():\n    """Use it."""\n    return ' + use + "\n"
                self.base({"m.py": code})
                self.change({"m.py": code.replace(definition, "\n" if name == "a function" else "")})
                result, report = self.check()
                self.assertEqual(result.returncode, 1, name + result.stdout)
                failing = [f for f in report["findings"] if f["fails_gate"]]
                self.assertTrue(failing and all(f["filter"]["caused_by_change"] for f in failing), result.stdout)

    def test_a_renamed_definition_breaks_its_untouched_callers(self):
        self.base({"m.py": '"""M."""\n\n\ndef helper():\n    """Help."""\n    return 1\n\n\nVALUE = helper()\n'})
        self.change({"m.py": '"""M."""\n\n\ndef assist():\n    """Help."""\n    return 1\n\n\nVALUE = helper()\n'})
        self.assert_fails([("E0602", "m.py", 9)])

    def test_a_parameter_taken_away_breaks_an_untouched_call(self):
        self.base({"m.py": '"""M."""\n\n\ndef add(a, b):\n    """Add."""\n    return a + b\n\n\nTOTAL = add(1, 2)\n'})
        self.change({"m.py": '"""M."""\n\n\ndef add(a):\n    """Add."""\n    return a + 1\n\n\nTOTAL = add(1, 2)\n'})
        self.assert_fails([("E1121", "m.py", 9)])

    def test_deleting_the_safe_loader_makes_the_untouched_call_unsafe(self):
        self.base({"conf.py": LOAD})
        self.change({"conf.py": LOAD.replace("        Loader=yaml.SafeLoader,\n", "")})
        result, report = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        # Pylint may say so too (E1120: Loader is required), where it has yaml's stubs.
        b506 = [f for f in report["findings"] if f["rule_id"] == "B506"][0]
        self.assertEqual((b506["line"], b506["filter"]["on_added_line"], b506["fails_gate"]), (7, False, True))

    def test_other_lines_whose_deletion_makes_untouched_code_fail(self):
        variants = {
            "autoescape": ('"""N."""\nimport jinja2\n\n\ndef env(path):\n    """Env."""\n'
                           "    return jinja2.Environment(\n        loader=jinja2.FileSystemLoader(path),\n"
                           "        autoescape=True,\n    )\n", "        autoescape=True,\n", ("B701", 7)),
            "staticmethod": ('"""N."""\n\n\nclass Box:\n    """A box."""\n\n    @staticmethod\n    def size():\n'
                             '        """Size."""\n        return 3\n', "    @staticmethod\n", ("E0211", 7)),
            "an attribute": ('"""N."""\n\n\nclass Limit:\n    """L."""\n\n    def __init__(self):\n'
                             "        self.other = 1\n        self.limit = 3\n\n    def get(self):\n"
                             '        """Get."""\n        return self.limit\n', "        self.limit = 3\n",
                             ("E1101", 12)),
        }
        for name, (code, line, (rule, at)) in variants.items():
            with self.subTest(name):
                self.fresh()
                self.base({"n.py": code})
                self.change({"n.py": code.replace(line, "")})
                result, report = self.check()
                self.assertEqual(result.returncode, 1, name + result.stdout)
                failing = [(f["rule_id"], f["line"], f["filter"]["caused_by_change"]) for f in report["findings"]
                           if f["fails_gate"]]
                self.assertIn((rule, at, True), failing, result.stdout)

    def test_an_edited_argument_raises_the_severity_on_an_untouched_line(self):
        self.base({"shell.py": CALL.format('"ls -l"')})
        self.change({"shell.py": CALL.format("name")})
        # Bandit reports the keyword's line, which the change did not touch.
        result, report = self.assert_fails([("B602", "shell.py", 9)])
        b602 = [f for f in report["findings"] if f["rule_id"] == "B602"][0]
        self.assertFalse(b602["filter"]["on_added_line"])
        self.assertEqual(b602["new_because"], "caused by the change: the base had it only at a lower level (note, "
                                              "severity LOW, confidence HIGH; now error, severity HIGH, confidence HIGH)")
        self.assertIn("    on no added line, caused by the change: the base had it only at a lower level", result.stdout)

    def test_in_diff_context_mode_too(self):
        # Far from the deleted import: outside every hunk, so diff_context does not select it either.
        code = TOOL.replace("def where", "\n\n" + "\n".join(f"X{i} = {i}" for i in range(12)) + "\n\n\ndef where")
        self.base({"tool.py": code})
        self.change({"tool.py": code.replace("import os\n", "")})
        self.assert_fails([("E0602", "tool.py", 22)], "--filter-mode", "diff_context")

    def test_old_findings_on_untouched_lines_stay_outside(self):
        old = TOOL.replace("import os\n", "")  # the base already fails on the undefined name
        self.base({"tool.py": old})
        variants = {
            "a function added above": old.replace('"""Tools."""\n', '"""Tools."""\n\n\ndef first():\n'
                                                  '    """First."""\n    return 1\n'),
            "the enclosing function renamed": old.replace("def where", "def cwd"),
            "lines deleted above": old.replace('"""Tools."""\n', ""),
        }
        for name, code in variants.items():
            with self.subTest(name):
                self.change({"tool.py": code})
                result, report = self.assert_passes()
                self.assertIn("outside the added lines", result.stdout)
                self.assertEqual([f["filter"]["selected"] for f in report["findings"] if f["rule_id"] == "E0602"],
                                 [False])
                self.repo.git("reset", "-q", "--hard", "base")

    def test_an_old_cannot_import_on_an_untouched_line_stays_outside(self):
        # Pylint says a module does not parse with E0001 from its imports checker, which a base run
        # narrowed to E0001 must still run (sphinx #14475: a test's import of a module only
        # Python 3.12 parses).
        broken = {"pkg/__init__.py": "", "pkg/broken.py": '"""B."""\ndef f(:\n'}
        for user in ("test_use.py", "use.py"):
            with self.subTest(user):
                self.fresh()
                code = '"""U."""\nfrom pkg.broken import f\n\n\ndef use():\n    """Use."""\n    return f\n'
                self.base(dict(broken, **{user: code}))
                self.change({user: code + '\n\ndef other():\n    """Other."""\n    return 1\n'})
                result, report = self.assert_passes()
                self.assertIn("E0001", [f["rule_id"] for f in report["findings"] if not f["filter"]["selected"]])
                # Deleting the module's good version is the change's, though: the import line is untouched.
                self.fresh()
                self.base(dict(broken, **{"pkg/broken.py": '"""B."""\n\n\ndef f():\n    """F."""\n', user: code}))
                self.change(dict(broken, **{user: code + "\n\nX = 1\n"}))
                result, report = self.check()
                self.assertEqual(result.returncode, 1, result.stdout)
                caused = [(f["rule_id"], f["path"], f["line"]) for f in report["findings"]
                          if f["fails_gate"] and f["filter"].get("caused_by_change")]
                self.assertEqual(caused, [("E0001", user, 2)], result.stdout)

    def test_a_file_that_did_not_parse_at_the_base_either_is_still_not_analysed_and_new(self):
        code = '"""B."""\ndef f(:\n' + "".join(f"# {i}\n" for i in range(10))
        self.base({"broken.py": code})
        self.change({"broken.py": code + "X = 1\n"})
        result, report = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        refused = [f for f in report["findings"] if f["rule_id"] == "not-analysed"]
        self.assertEqual([(f["baseline"], f["filter"]["reported"], f["fails_gate"]) for f in refused],
                         [("new", True, True)])

    def test_baseline_none_keeps_to_the_lines(self):
        self.base({"tool.py": TOOL})
        self.change({"tool.py": TOOL.replace("import os\n", "")})
        self.assert_passes("--baseline", "none")

    def test_shards_and_merge_keep_it(self):
        self.base({"tool.py": TOOL, "other.py": '"""Other."""\n'})
        self.change({"tool.py": TOOL.replace("import os\n", ""), "other.py": '"""Other."""\nVALUE = 1\n'})
        reports = []
        for index in (1, 2):
            report = os.path.join(self.out, f"s{index}.json")
            codegate.run("check", "--repo", self.repo.path, "--base", "base", "--head", "HEAD", "--no-llm",
                         "--shard", f"{index}/2", "--json", report, env={"CI": "true"})
            reports.append(report)
        merged = os.path.join(self.out, "merged.json")
        result = codegate.run("merge", "--json", merged, *reports)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn("on no added line, caused by the change: the base had no such finding", result.stdout)
        with open(merged, encoding="utf-8") as handle:
            self.assertEqual(self.failing(json.load(handle)), [("E0602", "tool.py", 6)])


SHELL = '''"""Helpers."""
import subprocess


def run(command):
    """Run a shell command."""
    return subprocess.call(command, shell=True)
'''


class BaseFindingsThatCouldNotFail(BaseCase):
    """6. The base's finding covers the head's only at the same or a higher level, where it could fail."""

    def test_a_test_helper_moved_into_product_code_with_git_mv(self):
        self.base({"tests/helpers.py": SHELL, "app/__init__.py": ""})
        self.repo.git("mv", "tests/helpers.py", "app/shell.py")
        self.repo.commit("move")
        result, report = self.assert_fails([("B602", "app/shell.py", 7)])
        b602 = [f for f in report["findings"] if f["rule_id"] == "B602"][0]
        self.assertIn("the base had it only where it could not fail: test code", b602["new_because"])
        # Within tests it stays advisory test code, and nothing fails.
        self.repo.git("reset", "-q", "--hard", "base")
        self.repo.git("mv", "tests/helpers.py", "tests/shell_helpers.py")
        self.repo.commit("move within tests")
        self.assert_passes()

    def test_a_test_helper_deleted_and_its_code_added_to_product_code(self):
        for target in ("app/shell.py", "tool.py", "src/pkg/run.py"):
            with self.subTest(target):
                self.fresh()
                self.base({"tests/test_shell.py": SHELL + "\n\ndef test_run():\n    assert run('true') == 0\n",
                           "README": "x\n"})
                self.change({target: SHELL.replace('"""Helpers."""', '"""Product."""')},
                            removed=["tests/test_shell.py"])
                _, report = self.assert_fails([("B602", target, 7)])
                b602 = [f for f in report["findings"] if f["rule_id"] == "B602"][0]
                self.assertEqual(b602["baseline"], "new")
                self.assertIn("could not fail", b602["new_because"])

    def test_code_taken_out_of_a_vendored_file(self):
        vendored = {".gitattributes": "vendor/** linguist-vendored\n", "vendor/lib.py": SHELL, "app/__init__.py": ""}
        # Moved with git mv.
        self.base(vendored)
        self.repo.git("mv", "vendor/lib.py", "app/lib.py")
        self.repo.commit("unvendor")
        _, report = self.assert_fails([("B602", "app/lib.py", 7)])
        b602 = [f for f in report["findings"] if f["rule_id"] == "B602"][0]
        self.assertIn("the base never analysed vendor/lib.py (vendored code", b602["new_because"])
        # Copied out, the vendored file kept.
        self.repo.git("reset", "-q", "--hard", "base")
        self.change({"app/run.py": SHELL.replace('"""Helpers."""', '"""Run."""')})
        self.assert_fails([("B602", "app/run.py", 7)])
        # Moved out, the vendored file deleted.
        self.repo.git("reset", "-q", "--hard", "base")
        self.change({"app/run.py": SHELL.replace('"""Helpers."""', '"""Run."""') + "\n\nX = 1\n"},
                    removed=["vendor/lib.py"])
        self.assert_fails([("B602", "app/run.py", 7)])

    def test_a_finding_whose_severity_rose_is_new(self):
        # The function moves to another file (its lines are added) and its command stops being a
        # literal: the reported line and its key are the same, Bandit's severity is not.
        self.base({"a.py": CALL.format('"ls -l"'), "b.py": '"""B."""\n'})
        self.change({"a.py": '"""Shell."""\n', "b.py": '"""B."""\n' + CALL.format("name").replace('"""Shell."""\n', "")})
        result, report = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        b602 = [f for f in report["findings"] if f["rule_id"] == "B602"][0]
        self.assertEqual((b602["path"], b602["baseline"], b602["tool_severity"]), ("b.py", "new", "HIGH"))
        self.assertIn("the base had it only at a lower level", b602["new_because"])

    def test_product_code_moved_between_product_files_is_still_old(self):
        self.base({"a.py": SHELL, "b.py": '"""B."""\n'})
        self.change({"a.py": '"""A."""\n', "b.py": SHELL})
        _, report = self.assert_passes()
        self.assertEqual([f["baseline"] for f in report["findings"] if f["rule_id"] == "B602"], ["existing"])
        self.repo.git("reset", "-q", "--hard", "base")
        self.repo.git("mv", "a.py", "c.py")
        self.repo.commit("rename")
        self.assert_passes()


class CommentsAreNotCode(BaseCase):
    """A line whose only edit is its comment holds the same code: its findings stay the base's. A
    suppression the change added is still the change's."""

    def test_a_comment_dropped_from_a_line_with_an_old_finding(self):
        # requests #7497: pyright's type: ignore comments removed from lines with an old W0212.
        self.base({"app.py": CALL.format("name").replace("shell=True,", "shell=True,  # type: ignore[misc]")})
        self.change({"app.py": CALL.format("name")})
        result, report = self.assert_passes()
        b602 = [f for f in report["findings"] if f["rule_id"] == "B602"]
        self.assertEqual([(f["baseline"], f["filter"]["reported"]) for f in b602], [("existing", False)], result.stdout)
        self.assertIn("1 already in the base", result.stdout)

    def test_the_code_edited_beside_the_comment_is_new(self):
        self.base({"app.py": CALL.format('"ls"') + "  # old\n"})
        self.change({"app.py": CALL.format("name") + "  # new\n"})
        self.assert_fails([("B602", "app.py", 9)])

    def test_a_suppression_the_change_added_to_an_old_finding_is_listed(self):
        self.base({"app.py": CALL.format("name")})
        self.change({"app.py": CALL.format("name").replace("shell=True,", "shell=True,  # nosec")})
        result, report = self.assert_passes()
        b602 = [f for f in report["findings"] if f["rule_id"] == "B602"][0]
        self.assertEqual((b602["baseline"], b602["filter"]["reported"], b602["suppression"]["by"]),
                         ("new", True, "change"), result.stdout)
        self.assertIn("suppressed in this change by `# nosec`", result.stdout)
        # Refused under deny-new, it fails as any new suppression does.
        self.fresh()
        self.base({"app.py": CALL.format("name"), ".codegate.yml": "suppressions: deny-new\n"})
        self.change({"app.py": CALL.format("name").replace("shell=True,", "shell=True,  # nosec")})
        self.assert_fails([("B602", "app.py", 9)])

    def test_a_line_rewritten_around_its_old_suppression(self):
        self.base({"app.py": CALL.format("name").replace("shell=True,", "shell=True,  # nosec  # type: ignore")})
        self.change({"app.py": CALL.format("name").replace("shell=True,", "shell=True,  # nosec")})
        result, report = self.assert_passes()
        b602 = [f for f in report["findings"] if f["rule_id"] == "B602"][0]
        self.assertEqual((b602["baseline"], b602["filter"]["reported"]), ("existing", False), result.stdout)


if __name__ == "__main__":
    unittest.main()
