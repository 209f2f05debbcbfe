"""The result cache: a warm run gives exactly a cold run's report, and a push that changes only an
imported module re-analyses that module's importers (and nothing else)."""

import json
import os
import tempfile
import unittest

from support import codegate
from support.fake_tools import fake_tools
from support.gitrepo import GitRepo

CONFIG = "pylint:\n  disable: [duplicate-code, cyclic-import]\n"

MODULES = {
    "app/__init__.py": "",
    "app/models.py": "\"\"\"Models.\"\"\"\n\n\nclass Shape:\n    \"\"\"A shape.\"\"\"\n\n    def area(self):\n"
                     "        \"\"\"Its area.\"\"\"\n        return 0\n",
    "app/service.py": "\"\"\"Service.\"\"\"\nimport subprocess\n\nfrom app.models import Shape\n\n\n"
                      "def run(command):\n    \"\"\"Runs it.\"\"\"\n    Shape().perimeter()\n"
                      "    return subprocess.call(command, shell=True)\n",
    "app/views.py": "\"\"\"Views.\"\"\"\nfrom . import service\n\n\ndef show(x):\n    \"\"\"Shows.\"\"\"\n"
                    "    return eval(x) + service.run(x)\n",
    "tools/standalone.py": "\"\"\"Standalone.\"\"\"\nimport pickle\n\n\ndef load(data):\n    \"\"\"Loads.\"\"\"\n"
                           "    unused = 1\n    return pickle.loads(data)\n",
}

# Logs every file each tool was given, then runs the real one.
LOGGING = 'for a in "$@"; do case "$a" in ./*) echo "$a" >> "{log}";; esac; done\nexec /usr/bin/{tool} "$@"'


class ResultCache(unittest.TestCase):
    def setUp(self):
        self.repo = GitRepo()
        self.repo.write(".codegate.yml", CONFIG)
        self.repo.write("README.md", "project\n")
        self.base = self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")
        for name, content in MODULES.items():
            self.repo.write(name, content)
        self.repo.commit("modules")
        self.dir = tempfile.TemporaryDirectory(prefix="codegate-cache-test-")
        self.log = {tool: os.path.join(self.dir.name, tool + ".log") for tool in ("pylint", "bandit")}
        self.env = fake_tools(LOGGING.format(log=self.log["pylint"], tool="pylint"),
                              LOGGING.format(log=self.log["bandit"], tool="bandit"))
        self.env["XDG_CACHE_HOME"] = os.path.join(self.dir.name, "cache")

    def tearDown(self):
        self.repo.cleanup()
        self.dir.cleanup()

    def run_check(self, name, *extra):
        out = os.path.join(self.dir.name, name + ".json")
        for log in self.log.values():
            if os.path.exists(log):
                os.remove(log)
        result = codegate.run("check", "--repo", self.repo.path, "--base", self.base, "--no-llm", "--json", out,
                              *extra, env=self.env)
        self.assertIn(result.returncode, (0, 1), result.stderr)
        with open(out, encoding="utf-8") as handle:
            report = json.load(handle)
        given = {}
        for tool, log in self.log.items():
            with open(log, encoding="utf-8") if os.path.exists(log) else open(os.devnull) as handle:
                given[tool] = sorted(line.strip()[2:] for line in handle if line.strip())
        return report, given

    def cached(self, report):
        return {tool["name"]: tool["cached_files"] for tool in report["tools"] if tool["name"] != "codegate-intent"}

    def without_cache_counts(self, report):
        report = dict(report)
        report["tools"] = [dict(tool, cached_files=0) for tool in report["tools"]]
        return report

    def test_warm_run_equals_cold_run(self):
        cold, cold_given = self.run_check("cold")
        self.assertEqual(len(cold_given["pylint"]), 5)
        self.assertTrue(any(f["tool"] == "bandit" for f in cold["findings"]))
        self.assertTrue(any(f["tool"] == "pylint" for f in cold["findings"]))
        self.assertEqual(self.cached(cold), {"pylint": 0, "bandit": 0})
        warm, warm_given = self.run_check("warm")
        self.assertEqual(warm_given, {"pylint": [], "bandit": []})
        self.assertEqual(self.cached(warm), {"pylint": 5, "bandit": 5})
        self.assertEqual(self.without_cache_counts(warm), cold)
        uncached, uncached_given = self.run_check("uncached", "--no-cache")
        self.assertEqual(len(uncached_given["pylint"]), 5)
        self.assertEqual(uncached, cold)

    def test_a_changed_imported_module_reanalyses_its_importers(self):
        self.run_check("cold")
        self.repo.write("app/models.py", MODULES["app/models.py"] + "\n\ndef perimeter():\n"
                        "    \"\"\"Now there is one.\"\"\"\n    return 1\n")
        self.repo.commit("models")
        push, given = self.run_check("push")
        # models.py changed; service.py imports it; views.py imports service. app/__init__.py and
        # tools/standalone.py import nothing that changed.
        self.assertEqual(given["pylint"], ["app/models.py", "app/service.py", "app/views.py"])
        self.assertEqual(given["bandit"], ["app/models.py"])
        self.assertEqual(self.cached(push), {"pylint": 2, "bandit": 4})
        # And the result is what a run without the cache gives.
        uncached, _ = self.run_check("uncached", "--no-cache")
        self.assertEqual(self.without_cache_counts(push), uncached)

    def test_corrupt_entries_are_misses(self):
        cold, _ = self.run_check("cold")
        for root, _, files in os.walk(os.path.join(self.dir.name, "cache", "codegate", "results")):
            for name in files:
                with open(os.path.join(root, name), "w", encoding="utf-8") as handle:
                    handle.write('{"format": 1, "key": "')
        again, given = self.run_check("again")
        self.assertEqual(len(given["pylint"]), 5)
        self.assertEqual(again, cold)

    def test_cache_enabled_false_and_a_cache_inside_the_checkout(self):
        self.repo.write(".codegate.yml", CONFIG + "cache:\n  enabled: false\n")
        self.repo.commit("no cache")
        self.run_check("one")
        _, given = self.run_check("two")
        self.assertEqual(len(given["pylint"]), 5)
        self.repo.write(".codegate.yml", CONFIG)
        self.repo.commit("cache again")
        self.env["XDG_CACHE_HOME"] = os.path.join(self.repo.path, ".cache")
        report, _ = self.run_check("inside")
        self.assertTrue(any("inside the repository checkout" in n for n in report["notes"]), report["notes"])
        self.assertFalse(os.path.exists(os.path.join(self.repo.path, ".cache", "codegate", "results")))


if __name__ == "__main__":
    unittest.main()
