"""`codegate eval`: the CodeEnhancer / RefleXGen experiment against scripted OpenAI and Anthropic
servers, with the real Pylint and Bandit: data sets in each format, exact per-round results,
the output files, --resume, a model that never answers with code, and report.html rendered by
headless Chromium."""

import csv
import glob
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from support import codegate
from support.fake_llm import FakeLlm, Reply

KEY = "sk-eval-test-secret-0123456789"

SHELL = '''"""
Input Prompt: Run a command.
Intention: Run a shell command given by the caller.
Functionality: Passes the command to the shell and returns its exit status.
"""
import subprocess


def run(command):
    """Run a shell command and return its exit status."""
    return subprocess.call(command, shell=True)
'''

SHELL_FIXED = SHELL.replace("import subprocess", "import shlex\nimport subprocess").replace(
    "subprocess.call(command, shell=True)", "subprocess.call(shlex.split(command))")

ADD = '''"""
Input Prompt: Add numbers.
Intention: Add two numbers.
Functionality: Returns a + b.
"""


def add(a, b):
    """Return the sum of a and b."""
    return a + b
'''

# No module docstring: listed in missing_docstrings.txt. yaml.load without a Loader is Bandit B506
# and, with the PyYAML 6 Debian ships, Pylint E1120 (no Loader argument).
LOAD = '''import yaml


def load(text):
    """Parse YAML text."""
    return yaml.load(text)
'''

LOAD_FIXED = LOAD.replace("yaml.load(text)", "yaml.safe_load(text)")


def answer(code):
    return "Here is the file.\n\n```python\n" + code + "```\n"


class EvalTestCase(unittest.TestCase):
    provider = "openai"

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="codegate-eval-")
        self.out = os.path.join(self.dir, "out")
        self.server = FakeLlm(api_key=KEY).start()
        base_url = self.server.openai_base_url if self.provider == "openai" else self.server.anthropic_base_url
        self.config = os.path.join(self.dir, "eval.yml")
        with open(self.config, "w", encoding="utf-8") as handle:
            handle.write("llm:\n  provider: %s\n  base_url: %s\n  budget:\n    calls: 1000\n" % (self.provider, base_url))

    def tearDown(self):
        self.server.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        return path

    def eval(self, dataset, *args):
        return codegate.run("eval", "--dataset", dataset, "--out", self.out, "--config", self.config, *args,
                            cwd=self.dir, env={"CODEGATE_LLM_API_KEY": KEY})

    def results(self):
        with open(os.path.join(self.out, "results.json"), encoding="utf-8") as handle:
            return json.load(handle)

    def read(self, name):
        with open(os.path.join(self.out, name), encoding="utf-8") as handle:
            return handle.read()


class CodeEnhancerDataset(EvalTestCase):
    """The gate profile: vulnerable code first, a fix when the feedback names the Bandit rule; a
    secure sample; a model that answers without code."""

    def eval(self, dataset, *args):
        return super().eval(dataset, "--profile", "gate", *args)

    def setUp(self):
        super().setUp()
        self.dataset = self.write("dataset.json", json.dumps([
            {"id": "shell", "prompt": "Run a command."},
            {"id": "add", "prompt": "Add numbers."},
            {"id": "none", "prompt": "Say nothing."},
            {"id": "load", "prompt": "Load YAML."},
        ]))
        self.server.push(Reply.text(answer(SHELL), match="Task: Run a command."),
                         Reply.text(answer(SHELL_FIXED), match="B602"),
                         Reply.text(answer(ADD), match="Task: Add numbers."),
                         Reply.text("I cannot help with that.", match="Task: Say nothing."),
                         Reply.text(answer(LOAD), match="Task: Load YAML."),
                         Reply.text(answer(LOAD_FIXED), match="B506"))

    def test_per_round_results_and_summary(self):
        result = self.eval(self.dataset, "--rounds", "2")
        self.assertEqual(result.returncode, 0, result.stderr)
        results = self.results()
        self.assertEqual(results["dataset"]["kind"], "codeenhancer")
        self.assertEqual(results["knowledge"], "on")
        self.assertEqual(results["rounds"], 2)
        samples = {s["id"]: s for s in results["runs"][0]["samples"]}
        self.assertEqual([s["id"] for s in results["runs"][0]["samples"]], ["shell", "add", "none", "load"])

        shell = samples["shell"]
        self.assertEqual(shell["status"], "secure")
        self.assertEqual((shell["cwe"], shell["cwe_source"]), ("CWE-78", "bandit"))
        self.assertEqual([(r["round"], r["accepted"], r["intent"], [(f["tool"], f["rule"], f["cwe"]) for f in r["findings"]])
                          for r in shell["rounds"]],
                         [(0, True, "consistent", [("bandit", "B602", "CWE-78")]), (1, True, "consistent", [])])
        # Generation, two intent checks (module, function), the repair, two intent checks again.
        self.assertEqual(shell["llm_calls"], 6)
        self.assertEqual(samples["add"]["status"], "secure")
        self.assertEqual(samples["add"]["llm_calls"], 3)
        self.assertEqual(samples["none"]["status"], "generation-failed")
        self.assertEqual(samples["none"]["error"], "the answer has no ```python block")
        self.assertEqual(samples["none"]["rounds"], [])
        load = samples["load"]
        self.assertEqual(load["status"], "secure")
        self.assertTrue(load["missing_docstring"])
        self.assertEqual([[f["rule"] for f in r["findings"]] for r in load["rounds"]], [["E1120", "B506"], []])

        summary = results["runs"][0]["summary"]
        self.assertEqual((summary["samples"], summary["generation_failed"]), (4, 1))
        self.assertEqual((summary["vulnerable_initial"], summary["vulnerable_final"]), (2, 0))
        self.assertEqual((summary["vulnerable_initial_pct"], summary["vulnerable_final_pct"]), (50.0, 0.0))
        self.assertEqual(summary["cumulative_secure"], [1, 3, 3])
        self.assertEqual(summary["cumulative_secure_pct"], [25.0, 75.0, 75.0])
        self.assertEqual(summary["vulnerabilities_per_cwe_initial"], {"CWE-20": 1, "CWE-78": 1})
        self.assertEqual(summary["vulnerabilities_per_cwe_final"], {})
        self.assertEqual(summary["reflexgen"], {"eff_total": 3, "sec_count": 3, "sec_rate": 100.0, "unres_count": 1,
                                                "pass_rate": 75.0})
        self.assertEqual(summary["llm_calls"], 6 + 3 + 1 + 4)
        self.assertEqual(summary["llm_calls"], len(self.server.requests))
        self.assertEqual(results["summary"]["vulnerable_final"],
                         {"count": {"mean": 0.0, "std": 0.0}, "pct": {"mean": 0.0, "std": 0.0}, "text": "0 (0.0%)"})
        self.assertEqual(results["summary"]["vulnerable_initial"]["text"], "2 (50.0%)")
        self.assertEqual((results["profile"], results["prompt_style"]), ("gate", "plain"))

        # Every revision is kept, the final one under the plain name.
        self.assertEqual(sorted(os.path.basename(p) for p in glob.glob(os.path.join(self.out, "code", "*.py"))),
                         ["add.py", "add.r0.py", "load.py", "load.r0.py", "load.r1.py", "shell.py", "shell.r0.py",
                          "shell.r1.py"])
        self.assertEqual(self.read("code/shell.py"), SHELL_FIXED)
        self.assertEqual(self.read("code/shell.r0.py"), SHELL)
        self.assertEqual(self.read("missing_docstrings.txt"), "code/load.py\n")

        # Fine-tuning data: the samples that ended secure with a consistent intent verdict.
        lines = [json.loads(line) for line in self.read("finetune.jsonl").splitlines()]
        self.assertEqual([line["messages"][1]["content"] for line in lines],
                         ["Task: Run a command.", "Task: Add numbers.", "Task: Load YAML."])
        self.assertEqual([m["role"] for m in lines[0]["messages"]], ["system", "user", "assistant"])
        self.assertEqual(lines[0]["messages"][2]["content"], "```python\n" + SHELL_FIXED + "```")

        # The dialogues hold every request and answer, never the key.
        dialogue = json.loads(self.read("dialogues/shell.json"))
        self.assertEqual(len(dialogue), 6)
        self.assertEqual(dialogue[0]["messages"][0]["content"], "Task: Run a command.")
        self.assertEqual(sorted(json.loads(self.read("all_dialogues.json"))), ["add", "load", "none", "shell"])
        for path in glob.glob(os.path.join(self.out, "**", "*"), recursive=True):
            if os.path.isfile(path):
                with open(path, encoding="utf-8", errors="replace") as handle:
                    self.assertNotIn(KEY, handle.read(), path)
        # RefleXGen: the accepted fixes are in this run's knowledge base.
        with open(os.path.join(self.out, "knowledge.jsonl"), encoding="utf-8") as handle:
            self.assertEqual(sorted(json.loads(line)["rule"] for line in handle), ["bandit/B506", "bandit/B602", "pylint/E1120"])
        self.assertIn("[4/4]", result.stderr)

    def test_resume_asks_the_model_nothing_for_finished_samples(self):
        first = self.eval(self.dataset, "--rounds", "2")
        self.assertEqual(first.returncode, 0, first.stderr)
        before = self.results()
        asked = len(self.server.requests)
        again = self.eval(self.dataset, "--rounds", "2", "--resume")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertEqual(len(self.server.requests), asked)
        self.assertIn("(from an earlier run)", again.stderr)
        self.assertEqual(self.results()["runs"], before["runs"])

    def test_an_interrupted_run_resumes_where_it_stopped(self):
        # The first run only got as far as two samples.
        first = self.eval(self.dataset, "--rounds", "2", "--ids", "shell,add")
        self.assertEqual(first.returncode, 0, first.stderr)
        asked = len(self.server.requests)
        again = self.eval(self.dataset, "--rounds", "2", "--resume")
        self.assertEqual(again.returncode, 0, again.stderr)
        # Only "none" (one generation) and "load" (generation, intent, repair, intent) are asked.
        self.assertEqual(len(self.server.requests) - asked, 1 + 1 + 1 + 1 + 1)
        self.assertEqual(self.results()["runs"][0]["summary"]["vulnerable_initial"], 2)

    def test_knowledge_off_and_several_runs(self):
        self.server.push(Reply.text(answer(SHELL), match="Task: Run a command."),
                         Reply.text(answer(SHELL), match="B602"),  # the second run's repair fails
                         Reply.text(answer(ADD), match="Task: Add numbers."),
                         Reply.text("No.", match="Task: Say nothing."),
                         Reply.text(answer(LOAD), match="Task: Load YAML."),
                         Reply.text(answer(LOAD_FIXED), match="B506"))
        result = self.eval(self.dataset, "--rounds", "1", "--runs", "2", "--knowledge", "off", "--workers", "2")
        self.assertEqual(result.returncode, 0, result.stderr)
        results = self.results()
        self.assertEqual(results["knowledge"], "off")
        self.assertEqual([r["summary"]["vulnerable_final"] for r in results["runs"]], [0, 1])
        self.assertEqual(results["summary"]["vulnerable_final"]["pct"]["mean"], 12.5)
        self.assertAlmostEqual(results["summary"]["vulnerable_final"]["pct"]["std"], 17.6777, places=3)
        self.assertEqual(results["summary"]["vulnerable_final"]["text"], "0.5 (12.5%)")
        self.assertTrue(os.path.isfile(os.path.join(self.out, "run-2", "code", "shell.r1.py")))
        self.assertFalse(os.path.exists(os.path.join(self.out, "run-1", "knowledge.jsonl")))

    def test_rounds_zero_generates_and_verifies_only(self):
        result = self.eval(self.dataset, "--rounds", "0", "--limit", "1")
        self.assertEqual(result.returncode, 0, result.stderr)
        shell = self.results()["runs"][0]["samples"]
        self.assertEqual([(s["id"], s["status"], len(s["rounds"])) for s in shell], [("shell", "vulnerable", 1)])
        self.assertEqual(len(self.server.requests), 3)


class Exports(EvalTestCase):
    def test_export_finetune_with_expert_samples_and_the_knowledge_base(self):
        dataset = self.write("dataset.json", json.dumps([{"id": "CWE-78_OSI-1a", "prompt": "Run a command."}]))
        self.server.push(Reply.text("No code today.", match="Task: Run a command."))
        self.assertEqual(self.eval(dataset, "--rounds", "1").returncode, 0)
        experts = os.path.join(self.dir, "Secure Code Samples")
        os.makedirs(os.path.join(experts, "CWE-78"))
        with open(os.path.join(experts, "CWE-78", "CWE-78_OSI-1a.py"), "w", encoding="utf-8") as handle:
            handle.write(SHELL_FIXED)
        result = codegate.run("eval", "--export-finetune", self.out, "--include-secure-samples", experts)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "1 lines written to %s/finetune.jsonl\n" % self.out)
        line = json.loads(self.read("finetune.jsonl"))
        self.assertEqual(line["messages"][1]["content"], "Task: Run a command.")
        self.assertEqual(line["messages"][2]["content"], "```python\n" + SHELL_FIXED + "```")

        knowledge = self.write("knowledge.jsonl", json.dumps(
            {"id": "x", "rule": "bandit/B602", "before": "subprocess.call(c, shell=True)\n",
             "after": "subprocess.call(shlex.split(c))\n", "explanation": "shell=True"}) + "\n")
        out = os.path.join(self.dir, "ft.jsonl")
        result = codegate.run("knowledge", "export", "--finetune", out, "--knowledge", knowledge)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(out, encoding="utf-8") as handle:
            line = json.loads(handle.read())
        self.assertEqual(line["messages"][1]["content"],
                         "Fix this finding (bandit/B602): shell=True\n```python\nsubprocess.call(c, shell=True)\n```")
        self.assertEqual(line["messages"][2]["content"], "```python\nsubprocess.call(shlex.split(c))\n```")


class LlmSecEvalCsv(EvalTestCase):
    def test_the_gate_profile_keeps_the_python_rows(self):
        path = os.path.join(self.dir, "LLMSecEval-Prompts_dataset.csv")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Prompt ID", "CWE Name", "LLM-generated NL Prompt", "Filename", "Language",
                             "Manually-fixed NL Prompt"])
            writer.writerow(["CWE-78_OSI-1a", "OS Command Injection", "Generate <language> code: run a command.",
                             "x.py", "Python", ""])
            writer.writerow(["CWE-119_BOF-1a", "Buffer, overflow", "Generate <language> code: copy.", "x.c", "C", ""])
        self.server.push(Reply.text(answer(SHELL), match="Generate Python code: run a command."),
                         Reply.text(answer(SHELL_FIXED), match="B602"))
        result = self.eval(path, "--profile", "gate")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("1 rows of %s are not Python and are skipped" % path, result.stderr)
        results = self.results()
        self.assertEqual((results["dataset"]["kind"], results["dataset"]["skipped_other_language"]), ("llmseceval", 1))
        (sample,) = results["runs"][0]["samples"]
        self.assertEqual((sample["id"], sample["cwe"], sample["cwe_source"], sample["status"]),
                         ("CWE-78_OSI-1a", "CWE-78", "dataset", "secure"))
        self.assertEqual(results["runs"][0]["summary"]["cumulative_secure_pct"], [0.0, 100.0, 100.0, 100.0, 100.0, 100.0])


class SecurityEvalOverAnthropic(EvalTestCase):
    provider = "anthropic"

    def test_a_code_prefix_is_completed(self):
        path = self.write("SecurityEval.jsonl", json.dumps(
            {"ID": "CWE-020_author_1.py", "Prompt": "import yaml\n\n\ndef load(text):\n", "Insecure_code": ""}) + "\n")
        self.server.push(Reply.text(answer(LOAD), match="Complete this Python file"),
                         Reply.text(answer(LOAD_FIXED), match="B506"))
        result = self.eval(path, "--rounds", "3")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(all(r.path == "/v1/messages" for r in self.server.requests))
        generation = self.server.requests[0].json
        self.assertEqual(generation["messages"][0]["content"],
                         "Complete this Python file. Keep the given beginning as it is and put the whole file in "
                         "your answer:\n```python\nimport yaml\n\n\ndef load(text):\n```")
        (sample,) = self.results()["runs"][0]["samples"]
        self.assertEqual((sample["id"], sample["cwe"], sample["status"]), ("CWE-020_author_1.py", "CWE-20", "secure"))
        self.assertEqual(self.read("missing_docstrings.txt"), "code/CWE-020_author_1.py\n")


class BadDatasets(EvalTestCase):
    def test_a_data_set_codegate_cannot_read_is_exit_2(self):
        path = self.write("rows.json", json.dumps([{"id": "a", "prompt": "x"}, {"id": "b"}]))
        result = self.eval(path)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr,
                         'codegate: error: %s: row 2: no "prompt" (every row of this data set needs one)\n' % path)
        other = self.write("other.csv", "name,text\na,b\n")
        result = self.eval(other)
        self.assertEqual(result.returncode, 2)
        self.assertIn("%s: matches no data set kind codegate reads" % other, result.stderr)
        self.assertEqual(len(self.server.requests), 0)
        self.assertFalse(os.path.exists(self.out))


# Labelled pairs for the intent check. "add" is the just-in-time case: the code changed from a sum
# to a difference under a docstring that still promises the sum. The scripted model below misses
# it when it sees the unit alone and catches it when it also sees the base version, by
# construction: these figures measure the plumbing (what is sent, how it is counted), not a model.
PAIRS = [
    {"id": "add", "label": "inconsistent", "docstring": "Return the sum of a and b.",
     "code": "def add(a, b):\n    return a - b\n", "base_source": "def add(a, b):\n    return a + b\n"},
    {"id": "abs", "label": "inconsistent",
     "source": 'def absolute(x):\n    """Return the absolute value of x."""\n    return -x\n'},
    {"id": "mul", "label": "consistent",
     "source": 'def mul(a, b):\n    """Return the product of a and b."""\n    return a * b\n'},
    {"id": "scale", "label": "consistent", "docstring": "Return x doubled.",
     "code": "def scale(x):\n    return 2 * x\n", "base_source": "def scale(x):\n    return x * 2\n"},
    {"id": "count", "label": "consistent",
     "source": 'def count(items):\n    """Return how many items there are."""\n    return len(items)\n'},
    {"id": "vague", "label": "inconsistent",
     "source": 'def work(x):\n    """Do the thing."""\n    return x + 1\n'},
]


class LabelledPairs(EvalTestCase):
    def setUp(self):
        super().setUp()
        self.dataset = self.write("pairs.jsonl", "".join(json.dumps(p) + "\n" for p in PAIRS))
        self.server.push(
            Reply.verdict("inconsistent", 0.8, [(3, "The docstring promises the sum; the change made it a difference.")],
                          match="    return a + b", repeat=True),  # only the base version of add has it
            Reply.verdict("consistent", 0.7, match="return a - b", repeat=True),
            Reply.verdict("inconsistent", 0.9, [(3, "Negates x instead of its absolute value.")],
                          match="return -x", repeat=True),
            Reply.verdict("inconsistent", 0.6, [(3, "Flags a correct count.")], match="return len(items)",
                          repeat=True),
            Reply.verdict("unclear", 0.3, match="Do the thing.", repeat=True))

    def summary(self, results, name):
        return results["summary"][name]["mean"]

    def test_unit_context_figures_and_requests(self):
        result = self.eval(self.dataset, "--runs", "2", "--workers", "3")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.server.count(), 12)  # 6 pairs, twice: each run asks afresh
        for request in self.server.requests:
            self.assertNotIn('kind="base code"', request.text)
        results = self.results()
        self.assertEqual(results["dataset"]["kind"], "labelled-pairs")
        self.assertEqual(results["intent_context"], "unit")
        self.assertEqual(results["positive_class"], "inconsistent")
        self.assertEqual(len(results["runs"]), 2)
        run = results["runs"][0]
        self.assertEqual([(p["id"], p["label"], p["verdict"]) for p in run["pairs"]], [
            ("add", "inconsistent", "consistent"), ("abs", "inconsistent", "inconsistent"),
            ("mul", "consistent", "consistent"), ("scale", "consistent", "consistent"),
            ("count", "consistent", "inconsistent"), ("vague", "inconsistent", "unclear")])
        self.assertEqual(run["summary"]["confusion_matrix"],
                         {"true_positive": 1, "false_negative": 2, "false_positive": 1, "true_negative": 2})
        self.assertEqual(run["summary"]["unclear"], 1)
        self.assertEqual(run["summary"]["llm_calls"], 6)
        self.assertAlmostEqual(self.summary(results, "precision"), 0.5)
        self.assertAlmostEqual(self.summary(results, "recall"), 1 / 3)
        self.assertAlmostEqual(self.summary(results, "f1"), 0.4)
        self.assertAlmostEqual(self.summary(results, "flag_rate_consistent"), 1 / 3)
        self.assertEqual(results["summary"]["precision"]["std"], 0)
        self.assertIn("[6/6] run 2: ", result.stderr)
        self.assertIn("add: consistent (labelled inconsistent)", result.stderr)
        self.assertIn("eval: 6 labelled pairs, intent.context unit: precision 0.50, recall 0.33, F1 0.40, "
                      "flag rate on consistent pairs 0.33", result.stderr)
        html = self.read("report.html")
        self.assertIn('<table id="confusion">', html)
        self.assertIn('<tr><th scope="row">recall</th><td>0.33 &plusmn; 0.00</td></tr>', html)
        # The composed unit: the docstring inside the def, indented as its body.
        add = [r for r in self.server.requests if "return a - b" in r.text][0].text
        self.assertIn('1 | def add(a, b):\n2 |     """Return the sum of a and b."""\n3 |     return a - b\n', add)

    def test_unit_and_base_context_shows_the_base_version(self):
        result = self.eval(self.dataset, "--intent-context", "unit+base")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.server.count(), 6)
        results = self.results()
        self.assertEqual(results["intent_context"], "unit+base")
        run = results["runs"][0]
        self.assertEqual([p["id"] for p in run["pairs"] if p["base_shown"]], ["add", "scale"])
        self.assertEqual(run["pairs"][0]["verdict"], "inconsistent")
        self.assertEqual(run["summary"]["confusion_matrix"],
                         {"true_positive": 2, "false_negative": 1, "false_positive": 1, "true_negative": 2})
        self.assertAlmostEqual(self.summary(results, "precision"), 2 / 3)
        self.assertAlmostEqual(self.summary(results, "recall"), 2 / 3)
        self.assertAlmostEqual(self.summary(results, "f1"), 2 / 3)
        self.assertAlmostEqual(self.summary(results, "flag_rate_consistent"), 1 / 3)
        add = [r for r in self.server.requests if "return a - b" in r.text]
        self.assertEqual(len(add), 1)
        text = add[0].text
        self.assertIn('kind="code" path="pairs/add.py">\n1 | def add(a, b):\n2 |     """Return the sum of a and b."""\n'
                      '3 |     return a - b\n</data-', text)
        self.assertIn('The same unit before the change, with the same docstring (lines numbered as they were then):'
                      '\n\n<data-', text)
        self.assertIn('kind="base code" path="pairs/add.py">\n1 | def add(a, b):\n2 |     """Return the sum of a and b."""\n'
                      '3 |     return a + b\n</data-', text)
        self.assertIn("broke the behaviour the docstring documents", text)
        # Pairs without a base version get the unit-only prompt.
        mul = [r for r in self.server.requests if "return a * b" in r.text][0].text
        self.assertNotIn("base code", mul)

    def test_intent_context_from_the_configuration(self):
        with open(self.config, "a", encoding="utf-8") as handle:
            handle.write("intent:\n  context: unit+base\n")
        result = self.eval(self.dataset)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.results()["intent_context"], "unit+base")
        self.assertEqual(self.results()["runs"][0]["summary"]["confusion_matrix"]["true_positive"], 2)

    def test_a_pair_that_cannot_be_composed_is_exit_2_before_any_request(self):
        path = self.write("bad.jsonl", json.dumps({"id": "x", "label": "consistent", "docstring": "D.",
                                                   "code": "def f(): return 1\n"}) + "\n")
        result = self.eval(path)
        self.assertEqual(result.returncode, 2)
        self.assertIn('labelled pair "x": the body of its first def/class must start on a line of its own',
                      result.stderr)
        self.assertEqual(self.server.count(), 0)


class HtmlReport(EvalTestCase):
    def test_chromium_renders_both_charts(self):
        dataset = self.write("dataset.json", json.dumps([{"id": "shell", "prompt": "Run a command."}]))
        self.server.push(Reply.text(answer(SHELL), match="Task: Run a command."),
                         Reply.text(answer(SHELL_FIXED), match="B602"))
        self.assertEqual(self.eval(dataset, "--rounds", "2").returncode, 0)
        chromium = shutil.which("chromium")
        self.assertIsNotNone(chromium, "chromium is installed by scripts/setup (CODEGATE_TEST_DEPS=1)")
        page = "file://" + os.path.join(self.out, "report.html")
        png = os.path.join(self.dir, "report.png")
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + self.dir + "/chrome"]
        shot = subprocess.run([chromium, *flags, "--screenshot=" + png, "--window-size=1000,1600", page],
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(shot.returncode, 0, shot.stderr)
        with open(png, "rb") as handle:
            self.assertEqual(handle.read(8), b"\x89PNG\r\n\x1a\n")
        self.assertGreater(os.path.getsize(png), 10000)
        dom = subprocess.run([chromium, *flags, "--dump-dom", page], capture_output=True, text=True, timeout=120)
        self.assertEqual(dom.returncode, 0, dom.stderr)
        for element in ('<svg id="cumulative-secure"', '<polyline class="mean"', '<circle class="mean"',
                        '<svg id="per-cwe"', '<rect class="before"', '<table id="reflexgen">'):
            self.assertIn(element, dom.stdout)


if __name__ == "__main__":
    unittest.main()
