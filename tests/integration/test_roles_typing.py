"""Code only a type checker reads (issue 30, item 6): attrs' typing-examples/ is what its tox
environments give mypy, pyright and pyrefly; it is never imported or run. Pylint's statement
warnings and inference errors are not reported there; Bandit's findings and Pylint's other errors
are, as product code's. Real repositories, the real binary, Pylint and Bandit."""

import unittest

from test_roles import RolesCase

TOX = '''[tox]
env_list = py3-tests, py3-mypy

[testenv]
commands =
    tests: pytest {posargs:-n auto}
    mypy: mypy typing-examples
'''

# W0104 (line 11), W0613 (line 14), W0212 (line 15), E1101 (line 16), B602 (line 20), E0602 (line 23).
EXAMPLE = '''"""Examples for the type checkers."""
import subprocess


class C:
    """A class."""
    _private = 1


c = C()
c._private + 1


def takes(x: int) -> int:
    print(C._private)
    return C.__attrs_attrs__


def run(cmd):
    return subprocess.call(cmd, shell=True)


undefined_name
'''


class TypeCheckedOnly(RolesCase):
    def base_with(self, tox=TOX, extra=None):
        files = {"tox.ini": tox, "typing-examples/baseline.py": '"""Baseline."""\n'}
        files.update(extra or {})
        self.base(files)

    def test_statement_warnings_and_inference_errors_are_not_reported_the_rest_is(self):
        self.base_with()
        self.change({"typing-examples/example.py": EXAMPLE})
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertEqual(self.found(data, "typing-examples/example.py"),
                         [("B404", False, "typing", False), ("B602", True, "typing", False),
                          ("E0602", True, "typing", False)])
        self.assertIn("1 file is code only a type checker reads (a type checker's command in tox.ini: mypy: "
                      "mypy typing-examples); not reported there: 1 pylint/E1101, "
                      "2 pylint/W0104, 2 pylint/W0212, 1 pylint/W0613", data["notes"])

    def test_product_code_that_imports_it_keeps_it_product(self):
        self.base_with(extra={"app/__init__.py": '"""App."""\n',
                              "app/use.py": '"""Use."""\nimport runpy\n\nrunpy.run_path("typing-examples/example.py")\n'})
        self.change({"typing-examples/example.py": EXAMPLE})
        _, data = self.check()
        self.assertIn("W0104", [f["rule_id"] for f in data["findings"] if f["path"] == "typing-examples/example.py"])
        self.assertFalse([f for f in data["findings"] if f.get("role")])

    def test_a_path_the_project_also_runs_is_product_code(self):
        self.base_with(tox=TOX + "    python typing-examples/example.py\n")
        self.change({"typing-examples/example.py": EXAMPLE})
        _, data = self.check()
        self.assertIn("W0104", [f["rule_id"] for f in data["findings"] if f["path"] == "typing-examples/example.py"])

    def test_a_package_the_type_checker_reads_is_product_code(self):
        self.base_with(tox=TOX.replace("mypy typing-examples", "mypy src"),
                       extra={"src/pkg/__init__.py": '"""Pkg."""\n'})
        self.change({"src/pkg/example.py": EXAMPLE})
        _, data = self.check()
        self.assertIn("W0104", [f["rule_id"] for f in data["findings"] if f["path"] == "src/pkg/example.py"])


if __name__ == "__main__":
    unittest.main()
