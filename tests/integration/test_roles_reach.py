"""Fail closed, round three (issue 33, items 2-4): the roles a change can no longer hide behind.
pytest's settings mean what pytest makes of them; a test, generated, vendored or excluded file
that product code reaches is product code, whatever the import looks like and however deep; a
generated marker is a conventional one; a compiled module never passes. Real git repositories,
the real binary, the real Pylint and Bandit; other names, settings and import shapes than the
issue's."""

import unittest

from test_roles import RolesCase

# Bandit B602 (fails in product code, advisory in test code) on line 6.
SHELL = '''"""Run things."""
import subprocess


def run(cmd):
    return subprocess.call(cmd, shell=True)
'''

CLEAN = '"""Clean."""\n'


class Case(RolesCase):
    """test_roles' repository and check, with what these probes assert."""

    def assert_product(self, data, path):
        self.assertIn(("B602", True, "", False), self.found(data, path), path)

    def assert_test(self, data, path):
        self.assertIn(("B602", False, "test", True), self.found(data, path), path)


class PytestSettingsMeanWhatPytestMakesOfThem(Case):
    """Item 2: test code by pytest's settings only where pytest collects a test module."""

    def test_testpaths_is_where_collection_starts_not_what_is_test_code(self):
        self.base({"tox.ini": "[tox]\nenvlist = py\n\n[pytest]\ntestpaths =\n    billing\n    qa\n"})
        self.change({"billing/charge.py": SHELL, "billing/test_charge.py": SHELL, "qa/helpers.py": SHELL,
                     "lib/test_orphan.py": SHELL})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assert_product(data, "billing/charge.py")  # under testpaths, not a test module name
        self.assert_test(data, "billing/test_charge.py")
        self.assert_product(data, "qa/helpers.py")  # not collected; qa/ is no common test directory
        self.assert_product(data, "lib/test_orphan.py")  # outside every testpath: pytest never sees it
        advisory = {f["path"]: f.get("advisory", "") for f in data["findings"] if f["rule_id"] == "B602"}
        self.assertIn("pytest python_files in tox.ini", advisory["billing/test_charge.py"])

    def test_python_files_applies_only_where_collection_reaches(self):
        self.base({"pyproject.toml": '[tool.pytest.ini_options]\ntestpaths = ["spec"]\npython_files = ["*.py"]\n'})
        self.change({"service/handler.py": SHELL, "spec/anything.py": SHELL, "service/sub/module.py": SHELL})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assert_product(data, "service/handler.py")
        self.assert_product(data, "service/sub/module.py")
        self.assert_test(data, "spec/anything.py")

    def test_addopts_ignore_ignore_glob_deselect_and_norecursedirs(self):
        self.base({"setup.cfg": "[metadata]\nname = x\n\n[tool:pytest]\nnorecursedirs = samples\n"
                                "addopts = -ra --ignore=tests/perf --ignore-glob=*_manual.py\n"
                                "    --deselect tests/test_smoke.py -p no:cacheprovider\n"})
        self.change({"tests/perf/bench.py": SHELL, "tests/unit/load_manual.py": SHELL, "tests/test_smoke.py": SHELL,
                     "tests/samples/shell.py": SHELL, "tests/unit/test_real.py": SHELL, "tests/unit/util.py": SHELL})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        for path in ("tests/perf/bench.py", "tests/unit/load_manual.py", "tests/test_smoke.py",
                     "tests/samples/shell.py"):
            self.assert_product(data, path)
        self.assert_test(data, "tests/unit/test_real.py")
        self.assert_test(data, "tests/unit/util.py")  # the common layout, where pytest reaches

    def test_pytest_toml_first_and_positional_paths_in_addopts(self):
        # pytest 9's pytest.toml wins over pyproject.toml; a path in addopts replaces testpaths.
        self.base({"pytest.toml": '[pytest]\naddopts = ["-q", "it", "-n", "4"]\ntestpaths = ["tests"]\n',
                   "pyproject.toml": '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n', "it/conftest.py": ""})
        self.change({"tests/test_unit.py": SHELL, "it/test_flow.py": SHELL})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assert_product(data, "tests/test_unit.py")
        self.assert_test(data, "it/test_flow.py")

    def test_without_settings_the_defaults_and_the_common_layout(self):
        self.base()
        self.change({"tests/helpers.py": SHELL, "src/pkg/test_api.py": SHELL, "build/tests/test_gen.py": SHELL})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assert_test(data, "tests/helpers.py")
        self.assert_test(data, "src/pkg/test_api.py")
        self.assert_product(data, "build/tests/test_gen.py")  # pytest does not enter build/


# Each import shape, a product file and the test helper it reaches.
SHAPES = {
    "tabbed": ("app/tabbed.py", "from\ttests.tabbed import run\n"),
    "continued": ("app/continued.py", "from \\\n    tests.continued import run\n"),
    "paren": ("app/paren.py", "from tests import (\n    other,\n    paren,\n)\n"),
    "nested_if": ("app/nested_if.py", "import os\nif os.name:\n    import tests.nested_if\n"),
    "semicolon": ("app/semicolon.py", "LIMIT = 1; from tests.semicolon import run\n"),
    "in_function": ("app/in_function.py", "def go():\n    \"\"\"Go.\"\"\"\n    from tests import in_function\n"
                                          "    return in_function\n"),
    "by_importlib": ("app/by_importlib.py", "import importlib\nMOD = importlib.import_module('tests.by_importlib')\n"),
    "aliased": ("app/aliased.py", "from importlib import import_module as grab\nMOD = grab('.aliased', 'tests')\n"),
    "by_dunder": ("app/by_dunder.py", "MOD = __import__('tests', fromlist=['by_dunder'])\n"),
    "by_escape": ("app/by_escape.py", "import importlib\nMOD = importlib.import_module('tests.by_\\x65scape')\n"),
    "by_split": ("app/by_split.py", "import importlib\nMOD = importlib.import_module('tests.by_' 'split')\n"),
    "by_run_path": ("app/by_run_path.py", "import runpy\nRESULT = runpy.run_path('tests/by_run_path.py')\n"),
    "by_run_module": ("app/by_run_module.py", "import runpy\nRESULT = runpy.run_module('tests.by_run_module')\n"),
    "by_exec": ("app/by_exec.py", "with open('tests/by_exec.py', encoding='utf-8') as f:\n    exec(f.read())\n"),
    "from_script": ("bin/deploy", "#!/usr/bin/env python3\n\"\"\"Deploy.\"\"\"\nfrom tests.from_script import run\n"),
    "relative": ("pkg/sub/core.py", "from ..tests.relative import run\n"),
}


class TheImportGuardReadsTheSyntaxTree(Case):
    """Item 3: every import shape, dynamic loads with literal names, scripts, re-exports, chains."""

    def test_every_shape_promotes_the_file_it_reaches(self):
        self.base({"tests/__init__.py": "", "testing/__init__.py": "from .reexported import run as exported\n",
                   "pkg/__init__.py": "",
                   "pkg/sub/__init__.py": "", "pkg/tests/__init__.py": ""})
        files = {}
        for name, (importer, source) in SHAPES.items():
            helper = "pkg/tests/relative.py" if name == "relative" else "tests/%s.py" % name
            files[helper] = SHELL
            files[importer] = '"""Product."""\n' + source if importer.endswith(".py") else source
        files.update({
            # A package __init__ that re-exports from a test module (unchanged in the base).
            "testing/reexported.py": SHELL, "app/reexport.py": '"""Product."""\nfrom testing import exported\n',
            # A chain through test files, three deep.
            "tests/chain_a.py": "from tests.chain_b import run\n", "tests/chain_b.py": "from . import chain_c\n",
            "tests/chain_c.py": SHELL, "app/chain.py": '"""Product."""\nimport tests.chain_a\n',
            # A test module nothing in the product reaches stays test code.
            "tests/test_alone.py": SHELL, "tests/only_tests_use.py": SHELL,
            "tests/test_uses.py": "from tests.only_tests_use import run\n",
        })
        self.change(files)
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        for name, (importer, _) in SHAPES.items():
            with self.subTest(shape=name):
                helper = "pkg/tests/relative.py" if name == "relative" else "tests/%s.py" % name
                self.assert_product(data, helper)
                self.assertIn("%s is analysed as product code: %s imports it" % (helper, importer), data["notes"])
        self.assert_product(data, "testing/reexported.py")
        self.assertIn("testing/reexported.py is analysed as product code: app/reexport.py imports it through "
                      "testing/__init__.py", data["notes"])
        self.assert_product(data, "tests/chain_c.py")
        self.assertIn("tests/chain_c.py is analysed as product code: app/chain.py imports it through "
                      "tests/chain_a.py, tests/chain_b.py", data["notes"])
        self.assertIn("tests/chain_a.py is analysed as product code: app/chain.py imports it", data["notes"])
        self.assert_test(data, "tests/test_alone.py")
        self.assert_test(data, "tests/only_tests_use.py")

    def test_a_chain_through_an_unchanged_helper(self):
        # product -> tests/fixtures.py (in the base, untouched) -> tests/payload.py (the change's).
        self.base({"tests/__init__.py": "", "tests/fixtures.py": "from tests.payload import run\n",
                   "tests/payload.py": CLEAN, "app/boot.py": '"""Boot."""\nfrom tests import fixtures\n'})
        self.change({"tests/payload.py": SHELL})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assert_product(data, "tests/payload.py")
        self.assertIn("tests/payload.py is analysed as product code: app/boot.py imports it through "
                      "tests/fixtures.py", data["notes"])


class SkippedRolesProductCodeReaches(Case):
    """Item 4: generated, vendored and excluded files product code reaches; markers; compiled modules."""

    def test_added_files_under_every_skipped_path_that_product_code_reaches(self):
        self.base({".gitattributes": "thirdparty/** linguist-vendored\ngen/** linguist-generated\n",
                   ".pre-commit-config.yaml": "exclude: ^extern/\nrepos: []\n",
                   "ruff.toml": 'extend-exclude = ["contrib"]\n',
                   ".codegate.yml": "bandit:\n  config: bandit.yml\n", "bandit.yml": "exclude_dirs: ['./plugins']\n"})
        self.change({
            "thirdparty/shellwrap.py": SHELL, "gen/api_client.py": SHELL, "extern/runner.py": SHELL,
            "contrib/exec_helper.py": SHELL, "plugins/loader.py": SHELL, "thirdparty/unused.py": SHELL,
            "app/main.py": '"""Main."""\nimport importlib\nfrom thirdparty import shellwrap\nimport gen.api_client\n'
                           'from extern.runner import run\nfrom contrib import exec_helper\n'
                           'LOADER = importlib.import_module("plugins.loader")\n',
        })
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        for path, why in (("thirdparty/shellwrap.py", "vendored code (.gitattributes linguist-vendored)"),
                          ("gen/api_client.py", "generated code (.gitattributes linguist-generated)"),
                          ("extern/runner.py", "excluded (.pre-commit-config.yaml exclude)"),
                          ("contrib/exec_helper.py", "excluded (ruff.toml exclude)"),
                          ("plugins/loader.py", "excluded (bandit.yml exclude_dirs)")):
            with self.subTest(path=path):
                if path == "plugins/loader.py":  # Bandit, given it, skips it by its exclude_dirs: not analysed
                    self.assertIn(("not-analysed", True, "", False), self.found(data, path))
                else:
                    self.assert_product(data, path)
                self.assertIn("%s is analysed as product code: app/main.py imports it (it would be skipped as %s)"
                              % (path, why), data["notes"])
        self.assertIn("skipped thirdparty/unused.py: vendored code (.gitattributes linguist-vendored)", data["notes"])
        self.assertNotIn("thirdparty/unused.py", data["checked_files"])

    def test_edits_of_files_skipped_at_the_base(self):
        # Reached: analysed as product code, the base's findings kept out by the baseline. Not
        # reached: skipped, as the project says.
        old_vendor = '"""Upstream."""\nimport subprocess\n\n\ndef legacy(cmd):\n    return subprocess.call(cmd, shell=True)\n'
        self.base({".gitattributes": "vendor/** linguist-vendored\n",
                   ".pre-commit-config.yaml": "exclude: ^tests/data/\nrepos: []\n",
                   "vendor/__init__.py": "", "vendor/lib.py": old_vendor, "tests/data/case.py": "x = 1\n",
                   "app/main.py": '"""Main."""\nfrom vendor import lib\n'})
        self.change({"vendor/lib.py": old_vendor + "\n\ndef fresh(arg):\n    return subprocess.call(arg, shell=True)\n"
                                                   "\n\nWIDTH = (80).columns\n",
                     "tests/data/case.py": "print(undefined_name)\n"})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        lib = [(f["line"], f["fails_gate"]) for f in data["findings"] if f["path"] == "vendor/lib.py" and f["rule_id"] == "B602"]
        self.assertIn((10, True), lib)
        self.assertNotIn((6, True), lib)  # upstream's, in the base
        # An update of upstream's code: Bandit counts, Pylint's errors are advisory, its warnings left out.
        self.assertIn(("E1101", False, "", True), self.found(data, "vendor/lib.py"))
        self.assertEqual([r for r, *_ in self.found(data, "vendor/lib.py") if r.startswith(("W", "C", "R"))], [])
        # The project asks for neither Pylint's warnings nor docstrings: nothing was left out to count.
        self.assertIn("1 file is an update of generated, vendored or excluded code that product code reaches, "
                      "analysed as product code: Bandit's findings count; 1 Pylint error there advisory",
                      data["notes"])
        self.assertIn("vendor/lib.py is analysed as product code: app/main.py imports it (it would be skipped as "
                      "vendored code (.gitattributes linguist-vendored))", data["notes"])
        self.assertIn("skipped tests/data/case.py: excluded by .pre-commit-config.yaml exclude", data["notes"])

    def test_a_generated_marker_is_a_conventional_form(self):
        docstring = '"""Payment rules.\n\nDO NOT EDIT without a security review.\n"""\n'
        protoc = "# -*- coding: utf-8 -*-\n# Generated by the protocol buffer compiler.  DO NOT EDIT!\n# source: a.proto\n"
        self.base({"app/rules.py": docstring, "api/a_pb2.py": protoc + "X = 1\n", "api/b_pb2.py": protoc + "Y = 1\n",
                   "app/uses.py": '"""Uses."""\nfrom api import b_pb2\n'})
        self.change({"app/rules.py": docstring + SHELL, "api/a_pb2.py": protoc + SHELL, "api/b_pb2.py": protoc + SHELL})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn(("B602", True, "", False), self.found(data, "app/rules.py"))  # a sentence, not a marker
        self.assertIn("skipped api/a_pb2.py: generated code (a generated-code marker in its first lines, at the "
                      "base too)", data["notes"])
        self.assertIn(("B602", True, "", False), self.found(data, "api/b_pb2.py"))  # generated, but product runs it
        self.assertIn("api/b_pb2.py is analysed as product code: app/uses.py imports it (it would be skipped as "
                      "generated code (a generated-code marker in its first lines, at the base too))", data["notes"])

    def test_a_compiled_module_never_passes(self):
        self.base({".gitattributes": "vendor/** linguist-vendored\n"})
        self.change({"app/fast.cpython-311-x86_64-linux-gnu.so": b"\x7fELF\x02\x01\x01\x00" + bytes(64),
                     "vendor/cached.pyc": b"\xa7\x0d\x0d\x0a" + bytes(12) + b"\xe3" + bytes(40),
                     "lib/win.pyd": "MZ not really\n", "tests/roots/native.pyd": ""})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        failing = sorted((f["path"], f["rule_id"]) for f in data["findings"] if f["fails_gate"])
        self.assertEqual(failing, [("app/fast.cpython-311-x86_64-linux-gnu.so", "not-analysed"),
                                   ("lib/win.pyd", "not-analysed"), ("vendor/cached.pyc", "not-analysed")])
        message = [f["message"] for f in data["findings"] if f["path"] == "vendor/cached.pyc"][0]
        self.assertEqual(message, "vendor/cached.pyc was not analysed: it is a compiled Python module, which Python "
                                  "imports as it would the source, and no analyzer can read compiled code. Commit the "
                                  "source and build the module where it is installed.")
        self.assertIn("skipped tests/roots/native.pyd: an empty file (a compiled module's name, no code)",
                      data["notes"])


if __name__ == "__main__":
    unittest.main()
