"""Pylint's inference errors under a guard (issue 30, item 5): Pylint does not narrow, so under
`if self.hook is not None and self.hook(err)` it reports not-callable for a hook whose default is
None (flask #5899), and under a TypeGuard it reports a member the guarded class has (attrs
c5baf90d). Those are advisory; the same errors without a guard, or under a guard of another name,
keep failing. And argument errors on a callee with alternative definitions (uvicorn #2435: a
version check defines `asyncio_run` as asyncio.run or as a function of its own that takes
`loop_factory`): Pylint judges the call against one definition, so those are advisory too, and a
callee defined once keeps failing. The real binary and the real Pylint."""

import json
import os
import tempfile
import unittest

from support import codegate
from support.gitrepo import GitRepo

GUARDED = '''"""Guards."""
from typing import TypeGuard


class App:
    """App."""
    hook: None = None

    def run(self, err):
        """Run."""
        if self.hook is not None and self.hook(err):
            return 1
        self.hook(err)
        if self.hook is not None:
            self.missing()
        if callable(self.hook):
            self.hook(err)
        if self.hook is None:
            return 0
        self.hook(err)
        return 2


class Plain:
    """Plain."""


def has(cls) -> TypeGuard[type]:
    """Say whether cls is an attrs class."""
    return getattr(cls, "__attrs_attrs__", None) is not None


def use(is_attrs):
    """Use."""
    foo = Plain
    if has(foo):
        print(foo.__attrs_attrs__)
    if is_attrs(foo) or is_attrs(foo):
        print(foo.__attrs_attrs__)
    print(foo.__attrs_attrs__)
    print(foo.other if has(foo) else foo.gone)
'''


class InferenceCase(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.out = tempfile.mkdtemp(prefix="codegate-inference-")

    def tearDown(self):
        self.repo.cleanup()

    def check(self, base, change):
        """Commits `base` and then `change` (path -> content); the failing run's stdout and JSON report."""
        for path, content in dict(base, **{"README.md": "project\n"}).items():
            self.repo.write(path, content)
        self.repo.commit("base")
        self.repo.git("tag", "base")
        for path, content in change.items():
            self.repo.write(path, content)
        self.repo.commit("change")
        report = os.path.join(self.out, "r.json")
        result = codegate.run("check", "--repo", self.repo.path, "--base", "base", "--no-llm", "--json", report,
                              env={"CI": "true"})
        self.assertEqual(result.returncode, 1, result.stdout)
        with open(report, encoding="utf-8") as handle:
            return result, json.load(handle)


class GuardedInference(InferenceCase):
    def test_errors_under_a_guard_of_their_expression_are_advisory_and_the_rest_fail(self):
        result, data = self.check({}, {"app/guarded.py": GUARDED})
        found = sorted((f["line"], f["rule_id"], f["fails_gate"], f["level"], f.get("advisory", ""))
                       for f in data["findings"] if f["rule_id"] in ("E1101", "E1102"))
        self.assertEqual(found, [
            (11, "E1102", False, "note", "'self.hook' is narrowed by a test that it is not None on line 11; "
             "Pylint does not narrow, so it judged the expression as if unguarded"),
            (13, "E1102", True, "error", ""),  # no guard
            (15, "E1101", True, "error", ""),  # the guard is on self.hook, the member missing from self
            (17, "E1102", False, "note", "'self.hook' is narrowed by a test of its type (isinstance, hasattr, "
             "callable, a TypeGuard or TypeIs function) on line 16; Pylint does not narrow, so it judged "
             "the expression as if unguarded"),
            (20, "E1102", False, "note", "'self.hook' is narrowed by a test that it is not None on line 18; "
             "Pylint does not narrow, so it judged the expression as if unguarded"),
            (37, "E1101", False, "note", "'foo' is narrowed by a test of its type (isinstance, hasattr, "
             "callable, a TypeGuard or TypeIs function) on line 36; Pylint does not narrow, so it judged "
             "the expression as if unguarded"),
            (39, "E1101", False, "note", "'foo' is narrowed by a test of its type (isinstance, hasattr, "
             "callable, a TypeGuard or TypeIs function) on line 38; Pylint does not narrow, so it judged "
             "the expression as if unguarded"),  # either branch of the or narrows foo
            (40, "E1101", True, "error", ""),  # after the if: unguarded
            (41, "E1101", False, "note", "'foo' is narrowed by a test of its type (isinstance, hasattr, "
             "callable, a TypeGuard or TypeIs function) on line 41; Pylint does not narrow, so it judged "
             "the expression as if unguarded"),
            (41, "E1101", True, "error", ""),  # foo.gone in the else branch: the guard says nothing there
        ])
        self.assertIn("    cannot fail the gate: 'self.hook' is narrowed by a test that it is not None on line 11",
                      result.stdout)


COMPAT = '''"""Compatibility."""
import asyncio
import sys

if sys.version_info >= (3, 99):
    asyncio_run = asyncio.run
else:

    def asyncio_run(main, *, debug=False, loop_factory=None):
        """Run main on a loop from loop_factory."""
        return (main, debug, loop_factory)


def run_once(main):
    """Run main."""
    return main
'''

SERVER = '''"""Server."""
import asyncio

from app._compat import asyncio_run, run_once


def serve(main):
    """Serve."""
    asyncio_run(main, loop_factory=asyncio.new_event_loop)
    return run_once(main, loop_factory=asyncio.new_event_loop)
'''


class AlternativeCallees(InferenceCase):
    def test_a_callee_defined_under_a_version_check_is_advisory_and_one_defined_once_fails(self):
        _, data = self.check({"app/__init__.py": '"""App."""\n', "app/_compat.py": COMPAT}, {"app/server.py": SERVER})
        found = sorted((f["line"], f["rule_id"], f["fails_gate"], f["level"], f.get("advisory", ""))
                       for f in data["findings"] if f["rule_id"] == "E1123")
        self.assertEqual(found, [
            (9, "E1123", False, "note", "'asyncio_run' is defined more than once in app/_compat.py, under a "
             "condition; Pylint judged the call against one of its definitions"),
            (10, "E1123", True, "error", ""),
        ])


if __name__ == "__main__":
    unittest.main()
