"""An attacker's third round (issue "Fail closed, round three"): what a change could say in a source
file, a symbolic link, a file name or a configuration file to blind the gate or to reach outside
it. Real git repositories, the real binary, the real Pylint and Bandit.

- Pylint pragmas never blind the gate: what one hides is counted as a suppression (the change's
  when the change adds it), and a pragma the change adds that takes a whole file out of Pylint
  fails (pylint/I0013).
- Report files are never written through a symbolic link the checkout holds.
- Under a CI that takes commands from the log, no byte of codegate's output is one it did not mean.
- A key given twice in .codegate.yml is an error naming both places."""

import json
import os
import tempfile
import unittest

from support import codegate
from test_probes import ProbeCase

UNDEFINED = "print(undefined_name)\n"


class PylintPragmas(ProbeCase):
    """1. A pragma that would make Pylint skip a file or stop reporting what it suppresses."""

    def base_with(self, config=None):
        files = {"app/__init__.py": ""}
        if config:
            files[".codegate.yml"] = config
        self.base(files)

    def e0602(self, data):
        return [f for f in data["findings"] if f["rule_id"] == "E0602"]

    def test_a_change_that_makes_pylint_skip_a_file_fails(self):
        pragmas = {
            "skip.py": "# pylint: skip-file\n",
            "all_top.py": "#pylint:disable=all\n",
            "all_later.py": '"""M."""\nimport os\n# pylint: disable = all  ; reason\n',
            "legacy.py": "# pylint: disable-all\n",
            "msg.py": "# some words pylint: disable-msg=all\n",
        }
        self.base_with()
        for name, pragma in pragmas.items():
            self.repo.write(f"app/{name}", pragma + UNDEFINED)
        self.repo.commit("h")
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        ignored = {f["path"]: f for f in data["findings"] if f["rule_id"] == "I0013"}
        self.assertEqual(sorted(ignored), sorted(f"app/{name}" for name in pragmas))
        self.assertTrue(all(f["fails_gate"] and f["tool"] == "pylint" for f in ignored.values()))
        self.assertIn("takes the file out of Pylint", ignored["app/skip.py"]["message"])
        # What the pragma hid was seen and is counted as the change's suppression.
        hidden = {f["path"]: f["suppression"] for f in self.e0602(data)}
        self.assertEqual(sorted(hidden), sorted(ignored))
        self.assertEqual(hidden["app/skip.py"], {"line": 1, "comment": "# pylint: skip-file", "by": "change",
                                                 "honoured": True})
        self.assertEqual(hidden["app/all_later.py"]["line"], 3)
        self.assertEqual(hidden["app/msg.py"]["comment"], "# some words pylint: disable-msg=all")
        self.assertTrue(ignored["app/msg.py"]["message"].startswith("'# some words pylint: disable-msg=all' takes"))

    def test_pragmas_that_hide_suppressions_no_longer_do(self):
        # Each file disables what codegate reads to see suppressions, then suppresses an error.
        blinders = ["suppressed-message", "I0020", "I", "main", "all"]
        self.base_with("suppressions: deny-new\n")
        for n, blinder in enumerate(blinders):
            self.repo.write(f"app/m{n}.py", f'"""M."""\n# pylint: disable={blinder},W0611\nimport os\n' +
                            "print(undefined_name)  # pylint: disable=undefined-variable\n")
        self.repo.commit("h")
        result, data = self.check()
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        errors = {f["path"]: f for f in self.e0602(data)}
        self.assertEqual(sorted(errors), [f"app/m{n}.py" for n in range(len(blinders))])
        for f in errors.values():
            self.assertEqual(f["suppression"]["by"], "change")
            self.assertFalse(f["suppression"]["honoured"])
            self.assertTrue(f["fails_gate"])
        # The named message still in the pragma works as it did (W0611 is suppressed, not reported).
        unused = [f for f in data["findings"] if f["rule_id"] == "W0611"]
        self.assertTrue(unused and all(f["suppression"] for f in unused), unused)

    def test_disable_all_in_a_block_or_on_a_line_is_the_changes_suppression(self):
        self.base_with()
        self.repo.write("app/m.py", '"""M."""\n\n\ndef f():\n    """F."""\n    # pylint: disable=all\n'
                                    "    return undefined_a\n\n\n"
                                    "def g():\n    \"\"\"G.\"\"\"\n    return undefined_b  # pylint: disable=all\n\n\n"
                                    "# pylint: disable-next=all\nprint(undefined_c)\nprint(undefined_d)\n")
        self.repo.commit("h")
        result, data = self.check()
        by_line = {f["line"]: f for f in self.e0602(data)}
        self.assertEqual(sorted(by_line), [7, 12, 16, 17])
        self.assertEqual(by_line[7]["suppression"]["line"], 6)
        self.assertEqual(by_line[12]["suppression"]["line"], 12)
        self.assertEqual(by_line[16]["suppression"]["comment"], "# pylint: disable-next=all")
        self.assertIsNone(by_line[17]["suppression"])  # outside every pragma's reach: fails
        self.assertTrue(by_line[17]["fails_gate"])
        self.assertFalse(any(f["fails_gate"] for line, f in by_line.items() if line != 17))
        self.assertEqual(result.returncode, 1)
        self.assertNotIn("I0013", [f["rule_id"] for f in data["findings"]])  # no whole file left out
        # Honoured (suppressions: honour, the default), so reported as the change's suppressions.
        self.assertIn("4 findings reported (1 fails the gate), 3 suppressed in this change; FAILED", result.stdout)

    def test_a_pragma_the_base_had_is_the_projects_decision(self):
        self.base({"app/__init__.py": "", "app/old.py": "# pylint: skip-file\nX = 1\n"})
        self.repo.write("app/old.py", "# pylint: skip-file\nX = 1\n" + UNDEFINED)
        self.repo.commit("h")
        result, data = self.check()
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        (error,) = self.e0602(data)
        self.assertEqual(error["suppression"]["by"], "base")
        self.assertFalse(error["filter"]["reported"])
        self.assertNotIn("I0013", [f["rule_id"] for f in data["findings"] if f["filter"]["reported"]])


class ReportLinks(ProbeCase):
    """7. Report files the change commits as symbolic links are replaced, never written through."""

    def test_no_report_is_written_where_a_link_in_the_checkout_points(self):
        victim_dir = tempfile.mkdtemp(prefix="codegate-victim-")
        options = {"--sarif": "codegate.sarif", "--json": "report.json", "--markdown": "report.md",
                   "--junit": "junit.xml", "--rdjson": "rd.json", "--gitlab-code-quality": "cq.json",
                   "--gitlab-sast": "sast.json"}
        self.base({"app/__init__.py": ""})
        for option, name in options.items():
            victim = os.path.join(victim_dir, name)
            with open(victim, "w", encoding="utf-8") as handle:
                handle.write("precious\n")
            os.symlink(victim, os.path.join(self.repo.path, name))
        self.repo.git("add", "-A")
        self.repo.commit("links")
        args = []
        for option, name in options.items():
            args += [option, os.path.join(self.repo.path, name)]
        result = codegate.run("check", "--repo", self.repo.path, "--base", "base", "--head", "HEAD", "--no-llm",
                              *args, cwd=self.repo.path)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        for name in options.values():
            with open(os.path.join(victim_dir, name), encoding="utf-8") as handle:
                self.assertEqual(handle.read(), "precious\n", name)
            path = os.path.join(self.repo.path, name)
            self.assertFalse(os.path.islink(path), name)
            self.assertGreater(os.path.getsize(path), 0, name)
        self.assertEqual(os.listdir(victim_dir).__len__(), len(options))  # nothing else written there

    def test_a_linked_directory_in_the_checkout_is_refused_before_any_analysis(self):
        victim_dir = tempfile.mkdtemp(prefix="codegate-victim-")
        self.base({"app/__init__.py": ""})
        os.symlink(victim_dir, os.path.join(self.repo.path, "reports"))
        self.repo.write("app/x.py", UNDEFINED)
        self.repo.git("add", "-A")
        self.repo.commit("h")
        for option in ("--sarif", "--json", "--junit"):
            result = codegate.run("check", "--repo", self.repo.path, "--base", "base", "--head", "HEAD", "--no-llm",
                                  option, "reports/out", cwd=self.repo.path)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn("goes through the symbolic link " + os.path.join(self.repo.path, "reports"), result.stderr)
            self.assertNotIn("checking", result.stderr)  # refused before the tools ran
        self.assertEqual(os.listdir(victim_dir), [])

    def test_links_outside_the_checkout_are_the_users_own(self):
        self.base({"app/__init__.py": ""})
        out_dir = tempfile.mkdtemp(prefix="codegate-out-")
        real = os.path.join(out_dir, "real.json")
        os.symlink(real, os.path.join(out_dir, "link.json"))
        result, _ = self.check("--sarif", os.path.join(out_dir, "link.json"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(os.path.islink(os.path.join(out_dir, "link.json")))
        with open(real, encoding="utf-8") as handle:
            self.assertEqual(json.load(handle)["version"], "2.1.0")


class LogCommands(ProbeCase):
    """8. File names and messages cannot become the runner's commands, on stdout or stderr."""

    NAMES = ["x\n::error::owned\n::add-mask::secret\ny.py", "a\r::stop-commands::t\r.py",
             "b\n  ::warning::w.py", "c ##[add-mask]d.py", "d\n##vso[task.complete]e.py"]

    def change_with_hostile_names(self):
        self.base({"app/__init__.py": ""})
        for name in self.NAMES:
            # Lines git and Python count alike fail as not analysed: the name reaches every output.
            self.repo.write(name, "import subprocess\nsubprocess.call(input(), shell=True)\n")
        self.repo.commit("h")

    def assert_inert(self, text, what):
        for line in text.replace("\r", "\n").split("\n"):
            stripped = line.lstrip()
            if stripped.startswith("::"):
                # Only codegate's own commands: annotations and the fence around the report.
                self.assertRegex(stripped, r"^::(error|warning|notice)( |::)|^::stop-commands::[0-9a-f]+$|"
                                           r"^::[0-9a-f]+::$", f"{what}: {line!r}")
            self.assertNotIn("##[", line.replace("## [", ""), what)
            self.assertNotIn("##vso[", line.lower(), what)

    def test_github_actions(self):
        self.change_with_hostile_names()
        event = os.path.join(self.out, "event.json")
        with open(event, "w", encoding="utf-8") as handle:
            json.dump({}, handle)
        for fmt in ("text", "json", "markdown"):
            result = codegate.run("check", "--repo", self.repo.path, "--base", "base", "--head", "HEAD", "--no-llm",
                                  "--format", fmt, "-v",
                                  env={"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "push",
                                       "GITHUB_EVENT_PATH": event})
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assert_inert(result.stdout, f"stdout ({fmt})")
            self.assert_inert(result.stderr, f"stderr ({fmt})")
            self.assertIn(": :error::owned", result.stderr + result.stdout)

    def test_azure_pipelines(self):
        self.change_with_hostile_names()
        result = codegate.run("check", "--repo", self.repo.path, "--base", "base", "--head", "HEAD", "--no-llm",
                              "-v", env={"CI": "true", "TF_BUILD": "True"})
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assert_inert(result.stderr, "stderr")
        for line in result.stdout.split("\n"):
            if line.startswith("##vso[task.logissue"):
                continue  # codegate's own, its values escaped
            self.assertNotIn("##vso[", line.lower())


class RepeatedKeys(ProbeCase):
    """9. A key given twice in .codegate.yml is an error, never the last one silently winning."""

    def test_every_repeated_key_is_named_with_both_places(self):
        self.base({".codegate.yml": "fail_level: error\nbandit:\n  severity: high\nfail_level: none\n"
                                    "bandit:\n  severity: low\n  confidence: low\n  confidence: high\n"})
        self.repo.write("app.py", "import subprocess\nsubprocess.call(input(), shell=True)\n")
        self.repo.commit("h")
        result, _ = self.check(env={"CI": "true"})
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn(".codegate.yml:4:1: 'fail_level' is given twice, here and at", result.stderr)
        self.assertIn(":1:1; keep one", result.stderr)
        self.assertIn(".codegate.yml:5:1: 'bandit' is given twice, here and at", result.stderr)
        self.assertIn(".codegate.yml:8:3: 'confidence' is given twice, here and at", result.stderr)
        self.assertNotIn("checking", result.stderr)


if __name__ == "__main__":
    unittest.main()
