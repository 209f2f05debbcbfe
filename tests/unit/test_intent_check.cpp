#include <doctest/doctest.h>

#include <filesystem>

#include "core/error.h"
#include "intent/cache.h"
#include "intent/exchange_log.h"
#include "intent/intent_check.h"
#include "llm/budget.h"
#include "llm_fakes.h"
#include "util/files.h"
#include "util/temp_dir.h"

using namespace codegate;
using codegate::testing::ScriptedLlm;

namespace {

const char* k_source = R"PY("""Arithmetic."""


def add(a, b):
    """Return the sum of a and b."""
    return a - b


def mul(a, b):
    """Return the product of a and b."""
    return a * b


def undocumented(x):
    return x


def _private(x):
    return x
)PY";

const char* k_inconsistent =
    R"({"verdict": "inconsistent", "confidence": 0.9, "issues": [{"line": 6, "explanation": "The docstring promises the sum, the code subtracts."}]})";

struct Fixture {
  util::TempDir dir;
  ChangeSet changes;
  std::map<std::string, std::string> sources{{"calc.py", k_source}};
  Config config;
  ScriptedLlm llm;

  Fixture() {
    ChangedFile file;
    file.path = "calc.py";
    file.status = ChangeStatus::added;
    changes.files.push_back(file);
    config.cache.directory = dir.path() + "/cache";
    config.llm.concurrency = 2;
    llm.answer = [](const llm::ChatRequest& request) -> std::string {
      return request.messages[0].content.find("Check whether the function add ") != std::string::npos
                 ? k_inconsistent
                 : R"({"verdict": "consistent", "confidence": 0.95, "issues": []})";
    };
  }

  IntentOutput run(llm::LlmClient* client, const std::string& log_dir = "", llm::Budget* budget = nullptr) {
    IntentInput input{changes, sources, config, log_dir};
    return run_intent_check(input, IntentServices{client ? llm::given_client(*client) : llm::ClientSource{}, budget});
  }
};

const Finding* find_rule(const IntentOutput& out, const std::string& rule) {
  for (const auto& f : out.findings) {
    if (f.rule_id == rule) return &f;
  }
  return nullptr;
}

} // namespace

TEST_CASE("an inconsistent unit becomes an intent-mismatch finding with the model's explanation") {
  Fixture f;
  auto out = f.run(&f.llm);
  CHECK(out.run.name == "codegate-intent");
  CHECK(out.run.status == ToolStatus::ok);
  CHECK(out.run.note == "3 units checked with fake-model: 1 inconsistent, 2 consistent, 0 unclear");
  CHECK(f.llm.calls() == 3); // the module, add, mul

  const Finding* mismatch = find_rule(out, "intent-mismatch");
  REQUIRE(mismatch);
  CHECK(mismatch->tool == "codegate");
  CHECK(mismatch->level == Level::warning);
  CHECK(mismatch->path == "calc.py");
  CHECK(mismatch->line == 6);
  CHECK(mismatch->message == "The docstring promises the sum, the code subtracts.");
  CHECK(mismatch->confidence == "HIGH");
  CHECK(mismatch->snippet == "    return a - b");

  const Finding* missing = find_rule(out, "missing-docstring");
  REQUIRE(missing);
  CHECK(missing->level == Level::note);
  CHECK(missing->line == 14);
  CHECK(missing->message ==
        "The public function undocumented changed and has no docstring, so the intent check cannot "
        "compare it with its purpose.");
  CHECK(out.missing_docstrings == std::vector<std::string>{"calc.py:14 undocumented"});
  CHECK(out.findings.size() == 2);

  REQUIRE(out.units.size() == 3);
  CHECK(out.units[1].unit == "function add");
  CHECK(out.units[1].verdict == intent::Verdict::inconsistent);
}

TEST_CASE("a second run over unchanged units is answered from the cache, even when they moved") {
  Fixture f;
  f.run(&f.llm);
  REQUIRE(f.llm.calls() == 3);
  auto again = f.run(&f.llm);
  CHECK(f.llm.calls() == 3);
  CHECK(again.run.note ==
        "3 units checked with fake-model: 1 inconsistent, 2 consistent, 0 unclear (3 from the cache)");
  REQUIRE(find_rule(again, "intent-mismatch"));
  CHECK(find_rule(again, "intent-mismatch")->line == 6);

  // Two lines inserted above add: the function is unchanged, its verdict still applies, and the
  // issue follows it to its new line. The module itself changed, so it is asked again.
  f.sources["calc.py"] = std::string(k_source).insert(18, "RATE = 2\n\n");
  auto moved = f.run(&f.llm);
  CHECK(f.llm.calls() == 4);
  REQUIRE(find_rule(moved, "intent-mismatch"));
  CHECK(find_rule(moved, "intent-mismatch")->line == 8);
}

TEST_CASE("a malformed answer gets one corrective message, then the unit is unclear") {
  Fixture f;
  f.sources = {{"calc.py", "def add(a, b):\n    \"\"\"Add.\"\"\"\n    return a + b\n"}};
  int calls = 0;
  f.llm.answer = [&](const llm::ChatRequest&) -> std::string {
    return ++calls == 1 ? "Looks fine!" : "```json\n{\"verdict\": \"consistent\", \"confidence\": 1}\n```";
  };
  auto out = f.run(&f.llm);
  REQUIRE(f.llm.requests.size() == 2);
  const auto& retry = f.llm.requests[1].messages;
  REQUIRE(retry.size() == 3);
  CHECK(retry[1].role == "assistant");
  CHECK(retry[1].content == "Looks fine!");
  CHECK(retry[2].content.rfind("Your answer could not be used: the answer held no JSON object.", 0) == 0);
  CHECK(out.units.at(0).verdict == intent::Verdict::consistent);

  f.config.cache.directory = f.dir.path() + "/other-cache";
  f.llm.answer = [](const llm::ChatRequest&) -> std::string { return "no"; };
  f.llm.requests.clear();
  out = f.run(&f.llm);
  CHECK(f.llm.requests.size() == 2);
  CHECK(out.units.at(0).verdict == intent::Verdict::unclear);
  CHECK(out.run.status == ToolStatus::ok);
  CHECK(out.notes ==
        std::vector<std::string>{
            "intent check: 1 unit is unclear because the model did not answer with the requested JSON object"});
  // A malformed exchange is not cached: the next run asks again.
  f.run(&f.llm);
  CHECK(f.llm.requests.size() == 4);
}

TEST_CASE("issue lines outside what the model was shown go to the unit's own line") {
  Fixture f;
  f.llm.answer = [](const llm::ChatRequest&) -> std::string {
    return R"({"verdict": "inconsistent", "confidence": 0.3, "issues": [{"line": 999, "explanation": "Wrong."}, {"line": 999, "explanation": "Wrong."}]})";
  };
  f.sources = {{"calc.py", "\n\ndef add(a, b):\n    \"\"\"Add.\"\"\"\n    return a - b\n"}};
  auto out = f.run(&f.llm);
  REQUIRE(out.findings.size() == 1); // duplicates merged
  CHECK(out.findings[0].line == 3);
  CHECK(out.findings[0].confidence == "LOW");
}

TEST_CASE("only units the change touches are checked") {
  Fixture f;
  f.changes.files[0].status = ChangeStatus::modified;
  f.changes.files[0].added_lines = {11}; // inside mul
  f.changes.files[0].context_lines = {8, 9, 10, 11, 12, 13, 14};
  auto out = f.run(&f.llm);
  REQUIRE(out.units.size() == 1);
  CHECK(out.units[0].unit == "function mul");
  CHECK(out.findings.empty());
  CHECK(out.missing_docstrings.empty());
}

TEST_CASE("without an LLM the check is skipped in one line, and missing docstrings are still found") {
  Fixture f;
  f.config.intent.enabled = false;
  auto out = f.run(nullptr);
  CHECK(out.run.status == ToolStatus::skipped);
  CHECK(out.run.note == "intent check skipped: turned off (--no-llm or intent.enabled: false)");
  CHECK(out.missing_docstrings.size() == 1);
  CHECK(find_rule(out, "intent-mismatch") == nullptr);
  CHECK(out.units.size() == 3);
  CHECK(out.units[0].verdict == intent::Verdict::unchecked);
}

TEST_CASE("the check asks the run for its client only when it is turned on, and says why there is none") {
  Fixture f;
  int asked = 0;
  llm::ClientSource none = [&asked](std::string& why_not) -> llm::LlmClient* {
    ++asked;
    why_not = "intent check skipped: no LLM configured (set CODEGATE_LLM_API_KEY or OPENAI_API_KEY, or llm.base_url)";
    return nullptr;
  };
  IntentInput input{f.changes, f.sources, f.config, ""};
  f.config.intent.enabled = false;
  CHECK(run_intent_check(input, IntentServices{none, nullptr}).run.status == ToolStatus::skipped);
  CHECK(asked == 0);

  f.config.intent.enabled = true;
  IntentOutput out = run_intent_check(input, IntentServices{none, nullptr});
  CHECK(asked == 1);
  CHECK(out.run.status == ToolStatus::skipped);
  CHECK(out.run.note ==
        "intent check skipped: no LLM configured (set CODEGATE_LLM_API_KEY or OPENAI_API_KEY, or llm.base_url)");
  CHECK(out.units.size() == 3);
  CHECK(f.llm.calls() == 0);

  out = run_intent_check(input, IntentServices{{}, nullptr});
  CHECK(out.run.status == ToolStatus::skipped);
  CHECK(out.run.note == "intent check skipped: this run has no LLM client");
}

TEST_CASE("a refused key stops the check: unavailable by default, a ToolError when strict") {
  Fixture f;
  f.llm.fail = [](const llm::ChatRequest&) {
    throw llm::LlmError(llm::LlmErrorKind::auth,
                        "the LLM service at http://x rejected the API key from CODEGATE_LLM_API_KEY (HTTP 401)");
  };
  f.config.llm.concurrency = 1;
  auto out = f.run(&f.llm);
  CHECK(f.llm.calls() == 1); // no point asking about the other units
  CHECK(out.run.status == ToolStatus::unavailable);
  CHECK(out.run.note ==
        "intent check unavailable: the LLM service at http://x rejected the API key from "
        "CODEGATE_LLM_API_KEY (HTTP 401)");
  CHECK(out.missing_docstrings.size() == 1);

  f.config.llm.strict = true;
  CHECK_THROWS_WITH_AS(f.run(&f.llm),
                       "intent check unavailable: the LLM service at http://x rejected the API key from "
                       "CODEGATE_LLM_API_KEY (HTTP 401)",
                       ToolError);
}

TEST_CASE("the budget stops requests and says which limit") {
  Fixture f;
  llm::Budget budget(1, 1000000);
  auto out = f.run(&f.llm, "", &budget);
  CHECK(f.llm.calls() == 1);
  CHECK(out.run.status == ToolStatus::ok);
  CHECK(out.notes == std::vector<std::string>{"intent check: 2 units were not checked: llm.budget.calls (1) reached"});
}

TEST_CASE("a file with a syntax error is skipped with a note") {
  Fixture f;
  f.sources["broken.py"] = "def f(:\n";
  ChangedFile broken;
  broken.path = "broken.py";
  broken.status = ChangeStatus::added;
  f.changes.files.insert(f.changes.files.begin(), broken);
  auto out = f.run(&f.llm);
  REQUIRE_FALSE(out.notes.empty());
  CHECK(out.notes[0] == "broken.py: skipped by the intent check: SyntaxError: invalid syntax at line 1");
  CHECK(out.units.size() == 3);
}

TEST_CASE("--log-dir writes one JSON file per exchange with secrets redacted") {
  Fixture f;
  f.sources = {{"calc.py", "def add(a, b):\n    \"\"\"Add; key sk-fake-secret.\"\"\"\n    return a + b\n"}};
  std::string log_dir = f.dir.path() + "/logs";
  f.run(&f.llm, log_dir);
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(log_dir))
    files.push_back(entry.path().filename().string());
  REQUIRE(files.size() == 1);
  CHECK(files[0] == "0001-calc.py-add.json");
  auto text = util::read_file(log_dir + "/" + files[0]);
  REQUIRE(text);
  CHECK(text->find("sk-fake-secret") == std::string::npos);
  CHECK(text->find("[REDACTED]") != std::string::npos);
  CHECK(text->find("\"outcome\": \"inconsistent\"") != std::string::npos);
  CHECK(text->find("\"turns\": [") != std::string::npos);
}

TEST_CASE("the cache refuses an entry whose stored code differs, and survives a corrupt file") {
  util::TempDir dir;
  intent::VerdictCache cache(dir.path());
  intent::CacheKey key{"openai", "m", "Doc.", "def f(): pass\n"};
  intent::ModelVerdict verdict{intent::Verdict::inconsistent, 0.7, {{2, "Why."}}};
  REQUIRE(cache.store(key, verdict));
  auto loaded = cache.load(key);
  REQUIRE(loaded);
  CHECK(loaded->verdict == intent::Verdict::inconsistent);
  CHECK(loaded->issues.at(0).line == 2);
  CHECK(loaded->issues.at(0).explanation == "Why.");

  auto other = key;
  other.model = "m2";
  CHECK_FALSE(cache.load(other));
  REQUIRE(util::write_file(cache.entry_path(key), "{\"format\": 1, "));
  CHECK_FALSE(cache.load(key));
  CHECK_FALSE(intent::VerdictCache("").load(key));
}

TEST_CASE("intent.context unit+base shows a changed unit's base version with the same docstring, and caches it apart") {
  Fixture f;
  const std::string now = "def add(a, b):\n    \"\"\"Return the sum of a and b.\"\"\"\n    return a - b\n";
  const std::string before = "def add(a, b):\n    \"\"\"Return the sum of a and b.\"\"\"\n    return a + b\n";
  f.sources = {{"calc.py", now}};
  std::map<std::string, std::string> base{{"calc.py", before}};
  f.llm.answer = [](const llm::ChatRequest& request) -> std::string {
    return request.messages[0].content.find("kind=\"base code\"") != std::string::npos
               ? R"({"verdict": "inconsistent", "confidence": 0.8, "issues": [{"line": 3, "explanation": "Was a sum."}]})"
               : R"({"verdict": "consistent", "confidence": 0.6, "issues": []})";
  };
  auto run = [&](IntentContext context, const std::map<std::string, std::string>* base_sources) {
    f.config.intent.context = context;
    IntentInput input{f.changes, f.sources, f.config, "", base_sources};
    return run_intent_check(input, IntentServices{llm::given_client(f.llm), nullptr});
  };

  auto with_base = run(IntentContext::unit_and_base, &base);
  CHECK(f.llm.calls() == 1);
  REQUIRE(with_base.units.size() == 1);
  CHECK(with_base.units[0].verdict == intent::Verdict::inconsistent);
  CHECK(with_base.units[0].base_shown);

  // The same unit without its base: not the verdict given with it.
  auto alone = run(IntentContext::unit, &base);
  CHECK(f.llm.calls() == 2);
  CHECK(alone.units[0].verdict == intent::Verdict::consistent);
  CHECK_FALSE(alone.units[0].base_shown);

  // A base whose docstring differs, or whose code is the same, is not shown: the unit-only
  // verdict (cached) applies.
  base["calc.py"] = "def add(a, b):\n    \"\"\"Return a minus b.\"\"\"\n    return a + b\n";
  CHECK(run(IntentContext::unit_and_base, &base).units[0].verdict == intent::Verdict::consistent);
  base["calc.py"] = now;
  CHECK(run(IntentContext::unit_and_base, &base).units[0].verdict == intent::Verdict::consistent);
  CHECK(f.llm.calls() == 2);

  // And with the base again: the verdict given with it, from the cache.
  base["calc.py"] = before;
  auto again = run(IntentContext::unit_and_base, &base);
  CHECK(f.llm.calls() == 2);
  CHECK(again.units[0].verdict == intent::Verdict::inconsistent);
  CHECK(again.units[0].cached);
}
