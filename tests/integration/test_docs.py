"""The README and docs/ cannot drift from the binary: every configuration example is loaded by
codegate, every `codegate ...` command line (in a code block or inline) uses options its
subcommand has, every `scripts/...` command exists, every JSON example parses, and every link
points at a file of the repository."""

import functools
import json
import os
import re
import shutil
import tempfile
import unittest

import yaml

from support import codegate
from support.gitrepo import GitRepo
from support.samples import CLEAN

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))


def pages():
    docs = os.path.join(ROOT, "docs")
    return ["README.md"] + [os.path.join("docs", n) for n in sorted(os.listdir(docs)) if n.endswith(".md")]


def read(name):
    with open(os.path.join(ROOT, name), encoding="utf-8") as handle:
        return handle.read()


def fenced_blocks(text):
    """(language, body) of every fenced code block."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```", text, re.M | re.S)]


def prose(text):
    return re.sub(r"^```\w*\n.*?^```", "", text, flags=re.M | re.S)


@functools.lru_cache(maxsize=None)
def help_text(*command):
    result = codegate.run(*command, "--help")
    return result.stdout


def subcommands(*command):
    text = help_text(*command)
    if "Subcommands:" not in text:
        return set()
    return set(re.findall(r"^  ([a-z][a-z-]*) ", text.split("Subcommands:", 1)[1], re.M))


def command_problems(line):
    """What in one `codegate ...` command line the binary does not have."""
    words = line.split()
    assert words[0] == "codegate"
    command = []
    rest = words[1:]
    while rest and rest[0] in subcommands(*command):
        command.append(rest.pop(0))
    text = help_text(*command)
    problems = []
    for word in rest:
        for option in re.findall(r"^(--[a-z][a-z0-9-]*)", word.strip("[]|`'\"(),")):
            if not re.search(re.escape(option) + r"(?![a-z0-9-])", text):
                problems.append(f"`{line}`: codegate {' '.join(command)} has no {option}")
    return problems


class Docs(unittest.TestCase):
    def test_links_point_at_files_that_exist(self):
        for page in pages():
            text = re.sub(r"`[^`\n]*`", "", prose(read(page)))  # code spans are not links
            for target in re.findall(r"\]\(([^)\s]+)\)", text):
                if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                    continue
                path = os.path.normpath(os.path.join(ROOT, os.path.dirname(page), target.split("#", 1)[0]))
                self.assertTrue(os.path.exists(path), f"{page}: link to {target}")

    def test_codegate_command_lines_use_options_the_binary_has(self):
        problems, seen = [], 0
        for page in pages():
            text = read(page)
            lines = [l for lang, body in fenced_blocks(text) if lang in ("sh", "") for l in body.splitlines()]
            # Inline commands: `codegate check --base origin/main --sarif codegate.sarif`.
            lines += re.findall(r"`(codegate [a-z][^`]*)`", prose(text))
            for line in lines:
                line = line.strip()
                if line.startswith("codegate ") and re.match(r"codegate [a-z-]", line):
                    seen += 1
                    problems += [f"{page}: {p}" for p in command_problems(line.split("#", 1)[0])]
        self.assertGreater(seen, 20)
        self.assertEqual(problems, [])

    def test_scripts_named_in_command_blocks_exist(self):
        for page in pages():
            for lang, body in fenced_blocks(read(page)):
                for line in body.splitlines():
                    match = re.match(r"\s*(scripts/[\w.-]+)", line)
                    if match:
                        self.assertTrue(os.access(os.path.join(ROOT, match.group(1)), os.X_OK), f"{page}: {line}")

    def test_json_examples_parse(self):
        for page in pages():
            for lang, body in fenced_blocks(read(page)):
                if lang == "json":
                    for line in body.splitlines():
                        json.loads(line)


class ConfigurationExamples(unittest.TestCase):
    """Every YAML block that is codegate configuration, and examples/codegate.yml, is a
    configuration the binary accepts (exit 2 is a configuration error)."""

    def setUp(self):
        self.repo = GitRepo()
        self.repo.write("README.md", "x\n")
        self.repo.commit("base")
        self.repo.git("checkout", "-q", "-b", "feature")
        self.repo.write("lib/util.py", CLEAN)
        self.repo.commit("clean")
        self.tmp = tempfile.mkdtemp(prefix="codegate-docs-")
        self.keys = set(yaml.safe_load(read(os.path.join("examples", "codegate.yml"))))

    def tearDown(self):
        self.repo.cleanup()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def check_config(self, text, where):
        path = os.path.join(self.tmp, "codegate.yml")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        result = codegate.run("check", "--repo", self.repo.path, "--base", "main", "--no-llm", "--config", path,
                              env={"CODEGATE_LLM_API_KEY": ""})
        self.assertEqual(result.returncode, 0, f"{where}:\n{text}\n{result.stderr}")

    def test_examples_codegate_yml_is_accepted(self):
        self.check_config(read(os.path.join("examples", "codegate.yml")), "examples/codegate.yml")

    def test_configuration_blocks_in_the_docs_are_accepted(self):
        checked = 0
        for page in pages():
            for lang, body in fenced_blocks(read(page)):
                if lang != "yaml":
                    continue
                document = yaml.safe_load(body)
                if isinstance(document, dict) and set(document) <= self.keys:
                    checked += 1
                    self.check_config(body, page)
        self.assertGreater(checked, 0)


if __name__ == "__main__":
    unittest.main()
