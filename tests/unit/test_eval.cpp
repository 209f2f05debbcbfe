#include <doctest/doctest.h>

#include "core/error.h"
#include "eval/dataset.h"
#include "eval/finetune.h"
#include "eval/generation.h"
#include "eval/html_report.h"
#include "eval/intent_accuracy.h"
#include "eval/reflection.h"
#include "eval/results.h"
#include "eval/results_json.h"
#include "util/files.h"
#include "util/json.h"
#include "util/json_writer.h"
#include "util/temp_dir.h"

using namespace codegate;
using namespace codegate::eval;

namespace {

std::string write(const util::TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir.path() + "/" + name;
  REQUIRE(util::write_file(path, text));
  return path;
}

std::string usage_error(const std::string& path) {
  try {
    read_dataset(path);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "no error";
}

RoundResult round_with(int number, std::vector<RoundFinding> findings, bool accepted = true) {
  RoundResult r;
  r.round = number;
  r.findings = std::move(findings);
  r.accepted = accepted;
  r.intent = intent::Verdict::consistent;
  return r;
}

RoundFinding bandit(const std::string& rule, const std::string& cwe) { return {"bandit", rule, cwe, 3, "issue"}; }

SampleResult sample(const std::string& id, std::vector<RoundResult> rounds) {
  SampleResult s;
  s.id = id;
  s.rounds = std::move(rounds);
  s.status = final_status(s);
  s.llm_calls = static_cast<long>(s.rounds.size());
  return s;
}

} // namespace

TEST_CASE("the four data set kinds are told apart by their content") {
  util::TempDir dir;
  Dataset ce = read_dataset(write(dir, "a.json", R"([{"id": 7, "prompt": "Sort a list."}])"));
  CHECK(ce.kind == DatasetKind::codeenhancer);
  REQUIRE(ce.samples.size() == 1);
  CHECK(ce.samples[0].id == "7");
  CHECK(ce.samples[0].prompt == "Sort a list.");

  std::string llmsec_path = write(dir, "b.json", R"([
    {"Prompt ID": "CWE-78_OSI-1a", "CWE Name": "OS Command Injection", "LLM-generated NL Prompt": "Generate <language> code: run ls.", "Manually-fixed NL Prompt": "", "Language": "Python"},
    {"Prompt ID": "CWE-119_BOF-1a", "CWE Name": "Buffer", "LLM-generated NL Prompt": "Generate <language> code: copy.", "Language": "C"}])");
  Dataset llmsec = read_dataset(llmsec_path, "Python", RowLanguages::target_only);
  CHECK(llmsec.kind == DatasetKind::llmseceval);
  REQUIRE(llmsec.samples.size() == 1);
  CHECK(llmsec.samples[0].prompt == "Generate Python code: run ls.");
  CHECK(llmsec.samples[0].cwe == "CWE-78");
  CHECK(llmsec.samples[0].cwe_name == "OS Command Injection");
  CHECK(llmsec.skipped_other_language == 1);
  // LLMSecEval repeats two ids; each row keeps its own files.
  Dataset repeated = read_dataset(write(dir, "r.json", R"([{"id": "a", "prompt": "x"}, {"id": "a", "prompt": "y"},
    {"id": "a-2", "prompt": "z"}, {"id": "a", "prompt": "w"}])"));
  REQUIRE(repeated.samples.size() == 4);
  CHECK(repeated.samples[1].id == "a-3");
  CHECK(repeated.samples[3].id == "a-4");
  CHECK(repeated.renamed == std::vector<std::string>{"a -> a-3", "a -> a-4"});
  // The thesis's reading: every row, its code asked for in Python, its own language kept.
  Dataset every = read_dataset(llmsec_path);
  REQUIRE(every.samples.size() == 2);
  CHECK(every.skipped_other_language == 0);
  CHECK(every.samples[1].prompt == "Generate Python code: copy.");
  CHECK(every.samples[1].source_language == "C");

  // CSV: quoted fields hold commas, quotes and newlines; the manually fixed prompt wins.
  Dataset csv = read_dataset(write(dir, "c.csv",
                                   "Prompt ID,CWE Name,LLM-generated NL Prompt,Language,Manually-fixed NL Prompt\r\n"
                                   "CWE-20_IIV-1a,\"Input, validation\",\"Generate <language> code: \"\"parse\"\"\",Python,"
                                   "\"Generate <language> code:\nparse a URL.\"\r\n"));
  CHECK(csv.kind == DatasetKind::llmseceval);
  REQUIRE(csv.samples.size() == 1);
  CHECK(csv.samples[0].prompt == "Generate Python code:\nparse a URL.");
  CHECK(csv.samples[0].cwe_name == "Input, validation");

  Dataset se = read_dataset(write(dir, "d.jsonl",
                                  "{\"ID\": \"CWE-020_author_1.py\", \"Prompt\": \"import yaml\\ndef load(s):\\n\"}\n\n"));
  CHECK(se.kind == DatasetKind::securityeval);
  REQUIRE(se.samples.size() == 1);
  CHECK(se.samples[0].completion);
  CHECK(se.samples[0].cwe == "CWE-20");

  Dataset pairs = read_dataset(write(dir, "e.jsonl",
                                     "{\"id\": \"p1\", \"code\": \"def f(): return 1\", \"docstring\": \"Returns one.\", \"label\": \"consistent\"}\n"
                                     "{\"id\": \"p2\", \"source\": \"def g():\\n    \\\"\\\"\\\"Adds.\\\"\\\"\\\"\\n    return 0\\n\", \"label\": \"Inconsistent\"}\n"));
  CHECK(pairs.kind == DatasetKind::labelled_pairs);
  REQUIRE(pairs.pairs.size() == 2);
  CHECK(pairs.pairs[0].label == intent::Verdict::consistent);
  CHECK(pairs.pairs[1].label == intent::Verdict::inconsistent);
}

TEST_CASE("a data set that matches no kind or a row without its prompt names the file, row and field") {
  util::TempDir dir;
  std::string a = write(dir, "a.json", R"([{"id": "1", "prompt": "x"}, {"id": "2"}])");
  CHECK(usage_error(a) == a + ": row 2: no \"prompt\" (every row of this data set needs one)");
  std::string b = write(dir, "b.json", R"([{"name": "x"}])");
  CHECK(usage_error(b).rfind(b + ": matches no data set kind codegate reads: CodeEnhancer's dataset.json", 0) == 0);
  std::string c = write(dir, "c.csv", "a,b\n1,2\n");
  CHECK(usage_error(c).rfind(c + ": matches no data set kind", 0) == 0);
  std::string d = write(dir, "d.jsonl", "{\"ID\": \"x\", \"Prompt\": \"p\"}\n{\"ID\": \"y\"}\n");
  CHECK(usage_error(d) == d + ": row 2: no \"Prompt\" (every row of this data set needs one)");
  std::string e = write(dir, "e.jsonl", "{\"id\": \"x\", \"code\": \"c\", \"docstring\": \"d\", \"label\": \"maybe\"}\n");
  CHECK(usage_error(e) == e + ": line 1: \"label\" is \"maybe\"; it must be \"consistent\" or \"inconsistent\"");
  CHECK(usage_error(dir.path() + "/missing.json") == dir.path() + "/missing.json: cannot read the data set (check --dataset)");
  std::string f = write(dir, "f.json", "[]");
  CHECK(usage_error(f) == f + ": the data set has no rows");
}

TEST_CASE("the summary counts vulnerable, secure by round and CWEs before and after") {
  // s1: vulnerable, fixed in round 1. s2: vulnerable, round 1 rejected, fixed in round 2.
  // s3: secure from the start. s4: vulnerable to the end. s5: generation failed.
  std::vector<SampleResult> samples = {
      sample("s1", {round_with(0, {bandit("B602", "CWE-78")}), round_with(1, {})}),
      sample("s2", {round_with(0, {bandit("B506", "CWE-20")}), round_with(1, {}, false), round_with(2, {})}),
      sample("s3", {round_with(0, {})}),
      sample("s4", {round_with(0, {bandit("B602", "CWE-78"), bandit("B605", "CWE-78")}),
                    round_with(1, {bandit("B602", "CWE-78")})}),
      sample("s5", {}),
  };
  CHECK(samples[1].status == SampleStatus::secure);
  CHECK(samples[3].status == SampleStatus::vulnerable);
  CHECK(samples[4].status == SampleStatus::generation_failed);
  RunSummary s = summarise(samples, 2);
  CHECK(s.samples == 5);
  CHECK(s.generation_failed == 1);
  CHECK(s.vulnerable_initial == 3);
  CHECK(s.vulnerable_final == 1);
  CHECK(s.pct(s.vulnerable_initial) == doctest::Approx(60.0));
  // Round 1's rejected candidate of s2 leaves it vulnerable in round 1.
  CHECK(s.cumulative_secure_pct == std::vector<double>{20.0, 40.0, 60.0});
  CHECK(s.cwe_initial == std::map<std::string, int>{{"CWE-20", 1}, {"CWE-78", 3}});
  CHECK(s.cwe_final == std::map<std::string, int>{{"CWE-78", 1}});
  CHECK(s.cumulative_secure == std::vector<int>{1, 2, 3});
  // RefleXGen's Table I: Sec. Rate is over the effective outputs (3 of 4), not over all samples
  // (3 of 5); Pass Rate is the effective outputs over all inputs; Unres. Count is s5.
  CHECK(s.secure_count == 3);
  CHECK(s.effective_total == 4);
  CHECK(s.unresolved_count == 1);
  CHECK(s.sec_rate() == doctest::Approx(75.0));
  CHECK(s.pass_rate() == doctest::Approx(80.0));
  CHECK(s.pct(s.secure_count) == doctest::Approx(60.0));
  CHECK(s.passes_every_check == 3);
  CHECK(count_text(65.4, 43.6) == "65.4 (43.6%)");
  CHECK(count_text(3, 75) == "3 (75.0%)");
  CHECK(s.llm_calls == 8);

  Spread over = spread({40.0, 60.0, 50.0});
  CHECK(over.mean == doctest::Approx(50.0));
  CHECK(over.std == doctest::Approx(10.0));
  CHECK(spread({7.0}).std == 0);
}

TEST_CASE("a sample record reads back as written; a torn one is not a sample") {
  SampleResult s = sample("CWE-78_OSI-1a", {round_with(0, {bandit("B602", "CWE-78")}), round_with(1, {}, true)});
  s.rounds[0].intent = intent::Verdict::unchecked;
  s.cwe = "CWE-78";
  s.cwe_source = "dataset";
  s.missing_docstring = true;
  s.input_tokens = 120;
  util::JsonWriter json;
  write_sample(json, s);
  std::string text = json.finish();
  auto back = read_sample(text);
  REQUIRE(back);
  CHECK(back->id == s.id);
  CHECK(back->status == SampleStatus::secure);
  CHECK(back->missing_docstring);
  CHECK(back->input_tokens == 120);
  REQUIRE(back->rounds.size() == 2);
  CHECK(back->rounds[0].findings[0].rule == "B602");
  CHECK(back->rounds[0].findings[0].cwe == "CWE-78");
  CHECK(back->rounds[0].intent == intent::Verdict::unchecked);
  CHECK(back->rounds[1].intent == intent::Verdict::consistent);
  CHECK(text.find("\"intent\": \"unchecked\"") != std::string::npos);
  CHECK_FALSE(read_sample(text.substr(0, text.size() / 2)));
  std::string unknown = text;
  unknown.replace(unknown.find("\"unchecked\""), 11, "\"not checked\"");
  CHECK_FALSE(read_sample(unknown));
  CHECK_FALSE(read_sample("{\"id\": \"x\", \"status\": \"great\", \"rounds\": []}"));
}

TEST_CASE("results.json carries every run and the mean and deviation over runs") {
  ExperimentInfo info;
  info.dataset_path = "data.json";
  info.dataset_kind = "codeenhancer";
  info.provider = "openai";
  info.model = "gpt-4o";
  info.rounds = 1;
  info.knowledge = false;
  RunResults one{{sample("a", {round_with(0, {bandit("B602", "CWE-78")}), round_with(1, {})})}, {}};
  RunResults two{{sample("a", {round_with(0, {bandit("B602", "CWE-78")}), round_with(1, {bandit("B602", "CWE-78")})})}, {}};
  one.summary = summarise(one.samples, 1);
  two.summary = summarise(two.samples, 1);
  rapidjson::Document doc = util::parse_json(results_json(info, {one, two}));
  REQUIRE(doc.IsObject());
  CHECK(std::string(doc["knowledge"].GetString()) == "off");
  CHECK(doc["runs"].Size() == 2);
  CHECK(doc["runs"][0]["summary"]["vulnerable_final"].GetInt() == 0);
  CHECK(doc["runs"][1]["summary"]["vulnerable_final"].GetInt() == 1);
  const auto& summary = doc["summary"];
  CHECK(summary["vulnerable_final"]["pct"]["mean"].GetDouble() == doctest::Approx(50.0));
  CHECK(summary["vulnerable_final"]["pct"]["std"].GetDouble() == doctest::Approx(70.7107).epsilon(0.001));
  CHECK(summary["vulnerable_final"]["count"]["mean"].GetDouble() == doctest::Approx(0.5));
  CHECK(std::string(summary["vulnerable_final"]["text"].GetString()) == "0.5 (50.0%)");
  CHECK(summary["cumulative_secure"][1]["secure"]["pct"]["mean"].GetDouble() == doctest::Approx(50.0));
  CHECK(summary["vulnerabilities_per_cwe"]["CWE-78"]["initial"]["mean"].GetDouble() == doctest::Approx(1.0));
  CHECK(summary["vulnerabilities_per_cwe"]["CWE-78"]["final"]["mean"].GetDouble() == doctest::Approx(0.5));
}

TEST_CASE("report.html is one page with both charts as inline SVG and escaped text") {
  ExperimentInfo info;
  info.dataset_path = "<data>.json";
  info.dataset_kind = "codeenhancer";
  info.provider = "openai";
  info.model = "m\"<x>";
  info.rounds = 2;
  RunResults run{{sample("a", {round_with(0, {bandit("B602", "CWE-78")}), round_with(1, {})})}, {}};
  run.summary = summarise(run.samples, 2);
  std::string html = html_report(info, {run});
  CHECK(html.find("<svg id=\"cumulative-secure\"") != std::string::npos);
  CHECK(html.find("<svg id=\"per-cwe\"") != std::string::npos);
  CHECK(html.find("<polyline class=\"mean\"") != std::string::npos);
  CHECK(html.find("<rect class=\"before\"") != std::string::npos);
  CHECK(html.find("&lt;data&gt;.json") != std::string::npos);
  CHECK(html.find("m&quot;&lt;x&gt;") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg")); // no external resource
}

TEST_CASE("fine-tuning lines are OpenAI chat objects; expert samples match prompts by id") {
  CHECK(finetune_line("sys", "user \"q\"", "```python\nx = 1\n```") ==
        R"({"messages":[{"role":"system","content":"sys"},{"role":"user","content":"user \"q\""},)"
        R"({"role":"assistant","content":"```python\nx = 1\n```"}]})");
  util::TempDir dir;
  write(dir, "CWE-78/CWE-78_OSI-1a.py", "import subprocess\n");
  write(dir, "CWE-78/CWE-78_OSI-9z.py", "x = 1\n");
  ExpertSamples expert = expert_sample_lines(dir.path(), {{"CWE-78_OSI-1a", "Task: run ls"}}, PromptStyle::plain, false);
  REQUIRE(expert.lines.size() == 1);
  CHECK(expert.lines[0].find(R"({"role":"user","content":"Task: run ls"})") != std::string::npos);
  CHECK(expert.lines[0].find(R"("content":"```python\nimport subprocess\n```")") != std::string::npos);
  REQUIRE(expert.unmatched.size() == 1);
  CHECK(expert.unmatched[0] == dir.path() + "/CWE-78/CWE-78_OSI-9z.py");
}

TEST_CASE("the generated file is the answer's one Python block") {
  GeneratedFile file = read_generated_file("Here:\n```python\n\"\"\"Input Prompt: x\"\"\"\nprint(1)\n```\nDone.", "gen.py");
  REQUIRE(file.code);
  CHECK(*file.code == "\"\"\"Input Prompt: x\"\"\"\nprint(1)\n");
  GeneratedFile none = read_generated_file("I cannot help with that.", "gen.py");
  CHECK_FALSE(none.code);
  CHECK(none.problem == "the answer has no ```python block");
  Sample completion{"CWE-020_author_1.py", "import yaml\n", true, "", "", ""};
  CHECK(generation_prompt(completion) ==
        "Complete this Python file. Keep the given beginning as it is and put the whole file in your answer:\n"
        "```python\nimport yaml\n```");
}

TEST_CASE("a pair given as code and docstring becomes a unit with that docstring, indented as its body") {
  LabelledPair pair;
  pair.id = "p1";
  pair.code = "import os\n\n\ndef get(env,\n        key):  # a comment\n\n    return env[key]\n";
  pair.docstring = "Return the value of `key`.\n\nRaises KeyError when it \"is\" unset.\n";
  CHECK(pair_source(pair) ==
        "import os\n\n\ndef get(env,\n        key):  # a comment\n"
        "    \"\"\"Return the value of `key`.\n\n    Raises KeyError when it \"is\" unset.\n    \"\"\"\n"
        "\n    return env[key]\n");
  pair.code = "def f(x):\n\treturn x\n";
  pair.docstring = "Backslash \\ and three \"\"\" quotes, ends with \"";
  CHECK(pair_source(pair) == "def f(x):\n\t\"\"\"Backslash \\\\ and three \\\"\\\"\\\" quotes, ends with \\\"\"\"\"\n\treturn x\n");
  pair.code = "x = 1\n";
  pair.docstring = "One.";
  CHECK(pair_source(pair) == "\"\"\"One.\"\"\"\nx = 1\n");
  // A whole unit is used as given.
  pair.source = "def g():\n    \"\"\"G.\"\"\"\n";
  CHECK(pair_source(pair) == pair.source);

  LabelledPair bad;
  bad.id = "p2";
  bad.docstring = "D.";
  bad.code = "def f(): return 1\n";
  CHECK_THROWS_AS(pair_source(bad), UsageError);
  bad.code = "def f():\n    \"\"\"Own.\"\"\"\n    return 1\n";
  CHECK_THROWS_WITH_AS(pair_source(bad), doctest::Contains("has a docstring already"), UsageError);

  // The base version gets the pair's docstring unless it has its own.
  LabelledPair changed;
  changed.id = "p3";
  changed.code = "def add(a, b):\n    return a - b\n";
  changed.docstring = "Sum.";
  changed.base_source = "def add(a, b):\n    return a + b\n";
  CHECK(pair_base_source(changed) == "def add(a, b):\n    \"\"\"Sum.\"\"\"\n    return a + b\n");
  changed.base_source = "def add(a, b):\n    \"\"\"Old.\"\"\"\n    return a + b\n";
  CHECK(pair_base_source(changed) == changed.base_source);
}

TEST_CASE("precision, recall, F1 and the flag rate come from the confusion matrix, inconsistent positive") {
  auto pair = [](bool consistent, const std::string& verdict) {
    PairResult r;
    r.label = consistent ? intent::Verdict::consistent : intent::Verdict::inconsistent;
    r.verdict = intent::parse_verdict_name(verdict).value();
    r.llm_calls = 1;
    return r;
  };
  // 4 inconsistent pairs: 3 flagged, 1 unclear. 6 consistent: 1 flagged, 4 not, 1 unchecked.
  std::vector<PairResult> results{pair(false, "inconsistent"), pair(false, "inconsistent"), pair(false, "inconsistent"),
                                  pair(false, "unclear"),      pair(true, "inconsistent"),  pair(true, "consistent"),
                                  pair(true, "consistent"),    pair(true, "consistent"),    pair(true, "consistent"),
                                  pair(true, "unchecked")};
  AccuracySummary s = summarise_pairs(results);
  CHECK(s.pairs == 10);
  CHECK(s.true_positive == 3);
  CHECK(s.false_negative == 1);
  CHECK(s.false_positive == 1);
  CHECK(s.true_negative == 5);
  CHECK(s.unclear == 1);
  CHECK(s.unchecked == 1);
  CHECK(s.llm_calls == 10);
  CHECK(s.precision() == doctest::Approx(0.75));
  CHECK(s.recall() == doctest::Approx(0.75));
  CHECK(s.f1() == doctest::Approx(0.75));
  CHECK(s.flag_rate_consistent() == doctest::Approx(1.0 / 6));
  AccuracySummary none = summarise_pairs({pair(true, "consistent")});
  CHECK(none.precision() == 0);
  CHECK(none.recall() == 0);
  CHECK(none.f1() == 0);

  AccuracyRun one{results, s};
  AccuracyRun two{{}, summarise_pairs({pair(false, "inconsistent"), pair(true, "consistent")})};
  auto doc = util::parse_json(accuracy_json({"pairs.jsonl", "openai", "m", "unit"}, {one, two}));
  REQUIRE(doc.IsObject());
  CHECK(std::string(doc["intent_context"].GetString()) == "unit");
  CHECK(doc["runs"][0]["summary"]["confusion_matrix"]["true_negative"].GetInt() == 5);
  CHECK(doc["summary"]["precision"]["mean"].GetDouble() == doctest::Approx(0.875));
  CHECK(doc["summary"]["precision"]["std"].GetDouble() == doctest::Approx(0.1767767));
  std::string html = accuracy_html({"pairs.jsonl", "openai", "m<", "unit+base"}, {one, two});
  CHECK(html.find("<table id=\"confusion\">") != std::string::npos);
  CHECK(html.find("m&lt;") != std::string::npos);
  CHECK(html.find("<tr><th scope=\"row\">precision</th><td>0.88 &plusmn; 0.18</td></tr>") != std::string::npos);
}

TEST_CASE("the plain prompt asks for the task, the secure one for secure code too") {
  CHECK(generation_system_prompt(PromptStyle::plain).find("secure") == std::string::npos);
  CHECK(generation_system_prompt(PromptStyle::secure).find(
            "does what the task asks, securely: avoid every known weakness (CWE) an attacker could exploit.") !=
        std::string::npos);
  Sample task{"t", "Run a command.", false, "", "", ""};
  llm::ChatRequest request = generation_request(task, PromptStyle::plain, 700, 0.8);
  CHECK(request.max_tokens == 700);
  CHECK(request.temperature == doctest::Approx(0.8));
  CHECK(request.messages.at(0).content == "Task: Run a command.");
}

TEST_CASE("fine-tuning code can leave its docstrings out and still parse") {
  std::string code = "\"\"\"\nInput Prompt: add.\n\"\"\"\nimport os\n\n\ndef add(a, b):\n    \"\"\"Return a + b.\"\"\"\n"
                     "    return a + b\n\n\nclass Empty:\n    '''Only a docstring.'''\n";
  CHECK(strip_docstrings("gen.py", code) ==
        "import os\n\n\ndef add(a, b):\n    return a + b\n\n\nclass Empty:\n    pass\n");
  // A docstring on the def's own line cannot go without the def: the code stays as it is.
  std::string one_line = "def f(): \"\"\"Doc.\"\"\"\n";
  CHECK(strip_docstrings("gen.py", one_line) == one_line);
  std::string broken = "def f(:\n";
  CHECK(strip_docstrings("gen.py", broken) == broken);
}

TEST_CASE("a self-reflection is kept up to its limit, never cut inside a character") {
  CHECK(read_reflection("  Use secrets.\n") == "Use secrets.");
  std::string long_review = std::string(k_max_reflection_chars - 1, 'a') + "\xC3\xA9" + "tail";
  CHECK(read_reflection(long_review) == std::string(k_max_reflection_chars - 1, 'a') + " ...");
}
