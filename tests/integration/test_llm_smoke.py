"""The intent check against a real provider. Runs only when OPENAI_API_KEY or ANTHROPIC_API_KEY is
set; CODEGATE_SMOKE_MODEL picks the model (default: codegate's default for the provider) and
CODEGATE_SMOKE_BASE_URL an endpoint (a proxy, Azure, a local server). Costs a few requests to a
small model."""

import json
import os
import shutil
import tempfile
import unittest

from support import codegate
from support.gitrepo import GitRepo

SOURCE = '''"""Small helpers."""


def add(first, second):
    """Return the sum of two numbers."""
    return first - second


def greet(name):
    """Return the greeting "Hello, NAME!" for the given name."""
    return "Hello, " + name + "!"
'''

CONFIG = """llm:
  provider: %s
  retries: 2
  concurrency: 2
  budget:
    calls: 10
intent:
  cache_dir: %s
pylint:
  enabled: false
bandit:
  enabled: false
"""


class RealProviderSmoke(unittest.TestCase):
    def run_against(self, provider, variable):
        key = os.environ.get(variable)
        if not key:
            self.skipTest("%s is not set" % variable)
        repo = GitRepo()
        out = tempfile.mkdtemp(prefix="codegate-smoke-")
        try:
            repo.write("README.md", "project\n")
            repo.commit("base")
            repo.git("checkout", "-q", "-b", "feature")
            repo.write("lib/helpers.py", SOURCE)
            repo.commit("add helpers")
            config = CONFIG % (provider, json.dumps(os.path.join(out, "cache")))
            if os.environ.get("CODEGATE_SMOKE_BASE_URL"):
                config = config.replace("llm:\n", "llm:\n  base_url: %s\n" % json.dumps(os.environ["CODEGATE_SMOKE_BASE_URL"]), 1)
            if os.environ.get("CODEGATE_SMOKE_MODEL"):
                config = config.replace("llm:\n", "llm:\n  model: %s\n" % json.dumps(os.environ["CODEGATE_SMOKE_MODEL"]), 1)
            repo.write(".codegate.yml", config)
            report = os.path.join(out, "report.json")
            result = codegate.run("check", "--repo", repo.path, "--base", "main", "--json", report,
                                  "--log-dir", os.path.join(out, "logs"), env={variable: key})
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            with open(report, encoding="utf-8") as handle:
                data = json.load(handle)
            tool = next(t for t in data["tools"] if t["name"] == "codegate-intent")
            self.assertEqual(tool["status"], "ok", tool["note"])
            mismatches = [(f["path"], f["line"]) for f in data["findings"] if f["rule_id"] == "intent-mismatch"]
            # A sum computed by subtraction is as plain a mismatch as there is; the greeting matches.
            self.assertIn("lib/helpers.py", [path for path, _ in mismatches])
            self.assertTrue(all(4 <= line <= 6 for _, line in mismatches), mismatches)
            for name in os.listdir(os.path.join(out, "logs")):
                with open(os.path.join(out, "logs", name), encoding="utf-8") as handle:
                    self.assertNotIn(key, handle.read())
        finally:
            repo.cleanup()
            shutil.rmtree(out, ignore_errors=True)

    def test_openai(self):
        self.run_against("openai", "OPENAI_API_KEY")

    def test_anthropic(self):
        self.run_against("anthropic", "ANTHROPIC_API_KEY")


if __name__ == "__main__":
    unittest.main()
