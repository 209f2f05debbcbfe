// The refine loop end to end without an analyzer or a model: a fake Verifier plays the gate and a
// scripted LLM client plays the model. Every way the loop stops and every reason a candidate is
// dropped, asserted with the exact text of the report's notes and the number of requests sent.

#include <doctest/doctest.h>

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "git/repository.h"
#include "git_fixture.h"
#include "llm/budget.h"
#include "llm/client.h"
#include "refine/refine.h"
#include "refine/verifier.h"
#include "util/files.h"
#include "util/temp_dir.h"

namespace codegate {
namespace {

const std::string k_path = "lib/shell.py";

const std::string k_original = R"("""Runs commands."""
import subprocess


def run(cmd):
    """Runs cmd and returns its exit status."""
    return subprocess.call(cmd, shell=True)
)";

const std::string k_fixed = R"("""Runs commands."""
import shlex
import subprocess


def run(cmd):
    """Runs cmd and returns its exit status."""
    return subprocess.call(shlex.split(cmd), shell=False)
)";

Finding failing(const std::string& path, const std::string& tool, const std::string& rule, int line,
                const std::string& fingerprint, const std::string& message) {
  Finding f;
  f.path = path;
  f.tool = tool;
  f.rule_id = rule;
  f.line = line;
  f.end_line = line;
  f.fingerprint = fingerprint;
  f.message = message;
  f.fails_gate = true;
  return f;
}

Finding shell_finding(const std::string& path = k_path) {
  return failing(path, "bandit", "B602", 7, "fp-shell", "subprocess call with shell=True identified");
}

// The gate as these tests see it: shell=True fails B602 (a `# nosec` the change adds is not
// honoured, as the real filter does not honour it) and eval( fails B307.
std::vector<Finding> judge(const std::string& path, const std::string& content) {
  std::vector<Finding> out;
  if (content.find("shell=True") != std::string::npos) out.push_back(shell_finding(path));
  if (content.find("eval(") != std::string::npos)
    out.push_back(failing(path, "bandit", "B307", 7, "fp-eval", "Use of possibly insecure function"));
  return out;
}

class FakeVerifier : public refine::Verifier {
public:
  // Set: replaces judge() for every file.
  std::function<refine::Verification(const std::map<std::string, std::string>&)> answer;
  std::string fail_with; // set: verify() throws ToolError with this text
  std::vector<std::string> names;
  std::vector<std::map<std::string, std::string>> calls;

  refine::Verification verify(const std::map<std::string, std::string>& files, const std::string& name) override {
    names.push_back(name);
    calls.push_back(files);
    if (!fail_with.empty()) throw ToolError(fail_with);
    if (answer) return answer(files);
    refine::Verification out;
    for (const auto& [path, content] : files) out.failing[path] = judge(path, content);
    return out;
  }
};

// One scripted answer: the text, or an error thrown instead.
struct Reply {
  std::string text;
  bool truncated = false;
  std::optional<llm::LlmErrorKind> error;
};

Reply code(const std::string& content) { return {"Here it is.\n\n```python\n" + content + "```\n", false, {}}; }

// Answers from `replies` in order, the last one repeating.
class FakeRepairLlm : public llm::LlmClient {
public:
  std::deque<Reply> replies;
  std::vector<llm::ChatRequest> requests;

  llm::ChatResponse chat(const llm::ChatRequest& request) override {
    Reply reply;
    {
      std::lock_guard lock(mutex_);
      requests.push_back(request);
      reply = pick();
    }
    if (reply.error) throw llm::LlmError(*reply.error, reply.text);
    llm::ChatResponse response;
    response.text = reply.text;
    response.truncated = reply.truncated;
    response.input_tokens = 100;
    response.output_tokens = 50;
    return response;
  }
  std::string provider() const override { return "fake"; }
  std::string model() const override { return "fake-model"; }
  std::string endpoint() const override { return "http://fake/v1/chat/completions"; }
  std::string redact(std::string text) const override { return text; }

  std::size_t calls() {
    std::lock_guard lock(mutex_);
    return requests.size();
  }
  std::string message(std::size_t i) { return requests.at(i).messages.back().content; }

private:
  Reply pick() {
    Reply reply = replies.front();
    if (replies.size() > 1) replies.pop_front();
    return reply;
  }
  std::mutex mutex_;
};

// One run of the loop over a throwaway repository, its sources and its failing findings.
struct Run {
  test::GitFixture fixture;
  git::Repository repo = git::Repository::open(fixture.path());
  ChangeSet changes; // no head commit: no trailer to look for
  Config config;
  std::map<std::string, std::string> sources{{k_path, k_original}};
  FakeVerifier verifier;
  FakeRepairLlm llm;
  llm::Budget budget{200, 400000};
  int connects = 0;
  std::string no_client; // set: the client factory has none, for this reason
  CheckResult result;

  Run() {
    config.refine.fix = FixMode::suggest;
    config.refine.knowledge_max_entries = 0; // no knowledge file
    config.llm.concurrency = 1;              // the files in order, so scripts are deterministic
    result.findings = {shell_finding()};
    result.failed = true;
  }

  void run(RefineOptions options = {}) {
    run_refine(result, {.repo = repo,
                        .changes = changes,
                        .config = config,
                        .sources = sources,
                        .verifier = verifier,
                        .budget = budget,
                        .client = [this](std::string& why_not) -> llm::LlmClient* {
                          ++connects;
                          if (!no_client.empty()) {
                            why_not = no_client;
                            return nullptr;
                          }
                          return &llm;
                        },
                        .options = std::move(options)});
  }

  // One round, one reply: the note the rejection leaves.
  std::vector<std::string> reject(Reply reply) {
    config.refine.max_rounds = 1;
    llm.replies = {std::move(reply)};
    run();
    return result.notes;
  }
};

std::string no_progress(const std::string& last_attempt, int rounds = 1) {
  return "refine: " + k_path + ": no revision was strictly better in " + std::to_string(rounds) + " round" +
         (rounds == 1 ? "" : "s") + "; 1 finding still open (last attempt: " + last_attempt + ")";
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("refine loop: a strictly better revision is accepted and the loop ends when nothing is open") {
  Run r;
  r.llm.replies = {code(k_fixed)};
  r.run();
  CHECK(r.result.notes == std::vector<std::string>{"refine: lib/shell.py: 1 finding fixed (revision of round 1)",
                                                   "refine: 1 revised file is offered as suggestions"});
  CHECK(r.llm.calls() == 1); // max_rounds is 3: nothing was left to ask about
  CHECK(r.verifier.names == std::vector<std::string>{"refine-round-1"});
  CHECK(r.verifier.calls.at(0) == std::map<std::string, std::string>{{k_path, k_fixed}});
  CHECK(r.result.findings.at(0).fix_status == "fixed in round 1");
  CHECK(r.result.fix_mode == FixMode::suggest);
  REQUIRE(r.result.fixes.size() == 1);
  CHECK(r.result.fixes[0].original == k_original);
  CHECK(r.result.fixes[0].revised == k_fixed);
  CHECK(r.result.fixes[0].round == 1);
  CHECK(r.result.fixes[0].fixed_fingerprints == std::vector<std::string>{"fp-shell"});
  CHECK(r.budget.calls() == 1);
}

TEST_CASE("refine loop: the rounds run out without progress, and each rejection feeds the next prompt") {
  Run r;
  r.config.refine.max_rounds = 3;
  r.llm.replies = {code(k_original)};
  r.run();
  CHECK(r.result.notes == std::vector<std::string>{no_progress("it changes nothing", 3)});
  CHECK(r.llm.calls() == 3);
  CHECK(r.verifier.calls.empty());
  CHECK(r.result.findings.at(0).fix_status == "open");
  CHECK(r.result.fixes.empty());
  CHECK(r.result.fix_mode == FixMode::suggest);
  CHECK(r.llm.message(0).find("## Round") == std::string::npos);
  CHECK(r.llm.message(1).find("The attempt of round 1 was rejected: it changes nothing.") != std::string::npos);
  CHECK(r.llm.message(2).find("The attempt of round 2 was rejected: it changes nothing.") != std::string::npos);
}

TEST_CASE("refine loop: max_rounds is clamped to 1..10") {
  Run r;
  r.config.refine.max_rounds = 0;
  r.llm.replies = {code(k_original)};
  r.run();
  CHECK(r.llm.calls() == 1);
  CHECK(r.result.notes == std::vector<std::string>{no_progress("it changes nothing", 1)});

  Run many;
  many.config.refine.max_rounds = 25;
  many.llm.replies = {code(k_original)};
  many.run();
  CHECK(many.llm.calls() == 10);
}

TEST_CASE("refine loop: a later round finishes what an earlier one started") {
  Run r;
  r.result.findings.push_back(failing(k_path, "pylint", "W0611", 2, "fp-import", "Unused import os"));
  std::string both = replace(k_original, "import subprocess\n", "import os\nimport subprocess\n");
  r.sources[k_path] = both;
  std::string halfway = replace(both, "import os\n", "");
  r.verifier.answer = [](const std::map<std::string, std::string>& files) {
    refine::Verification out;
    for (const auto& [path, content] : files) {
      out.failing[path] = judge(path, content);
      if (content.find("import os") != std::string::npos)
        out.failing[path].push_back(failing(path, "pylint", "W0611", 2, "fp-import", "Unused import os"));
    }
    return out;
  };
  r.llm.replies = {code(halfway), code(k_fixed)};
  r.run();
  CHECK(r.result.notes == std::vector<std::string>{"refine: lib/shell.py: 2 findings fixed (revision of round 2)",
                                                   "refine: 1 revised file is offered as suggestions"});
  CHECK(r.llm.calls() == 2);
  CHECK(r.verifier.names == std::vector<std::string>{"refine-round-1", "refine-round-2"});
  CHECK(r.result.findings[0].fix_status == "fixed in round 2");
  CHECK(r.result.findings[1].fix_status == "fixed in round 1");
  CHECK(r.llm.message(1).find("The attempt of round 1 was accepted: it removes 1 failing finding: pylint W0611 at "
                              "line 2: Unused import os.") != std::string::npos);
}

TEST_CASE("refine loop: an accepted revision that leaves a target open says so") {
  Run r;
  r.config.refine.max_rounds = 1;
  r.result.findings.push_back(failing(k_path, "pylint", "W0611", 2, "fp-import", "Unused import os"));
  r.verifier.answer = [](const std::map<std::string, std::string>& files) {
    refine::Verification out;
    for (const auto& [path, content] : files)
      out.failing[path] = {failing(path, "pylint", "W0611", 2, "fp-import", "Unused import os")};
    return out;
  };
  r.llm.replies = {code(k_fixed)};
  r.run();
  CHECK(r.result.notes ==
        std::vector<std::string>{"refine: lib/shell.py: 1 finding fixed (revision of round 1); 1 finding still open",
                                 "refine: 1 revised file is offered as suggestions"});
  CHECK(r.result.findings[0].fix_status == "fixed in round 1");
  CHECK(r.result.findings[1].fix_status == "open");
}

TEST_CASE("refine loop: rejections of a candidate, each with its reason") {
  SUBCASE("not strictly better: a suppression comment the change adds does not fix the finding") {
    Run r;
    auto notes = r.reject(code(replace(k_original, "shell=True)", "shell=True)  # nosec")));
    CHECK(notes ==
          std::vector<std::string>{no_progress("it removes none of the failing findings it was asked to fix")});
    CHECK(r.verifier.calls.size() == 1);
    CHECK(r.llm.calls() == 1);
  }
  SUBCASE("a new failing finding") {
    Run r;
    auto notes = r.reject(code(replace(k_original, "subprocess.call(cmd, shell=True)", "eval(cmd)")));
    CHECK(notes == std::vector<std::string>{no_progress(
                       "it brings 1 new failing finding: bandit B307 at line 7: Use of possibly insecure function")});
    CHECK(r.result.findings[0].fix_status == "open");
  }
  SUBCASE("unchanged") {
    Run r;
    CHECK(r.reject(code(k_original)) == std::vector<std::string>{no_progress("it changes nothing")});
    CHECK(r.verifier.calls.empty());
  }
  SUBCASE("unchanged once normalised: the model answered with CRLF line ends") {
    Run r;
    std::string crlf;
    for (char c : k_original) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    CHECK(r.reject({"```python\r\n" + crlf + "```\r\n", false, {}}) ==
          std::vector<std::string>{no_progress("it changes nothing")});
  }
  SUBCASE("too large") {
    Run r;
    std::string padded = k_original + "# " + std::string(1000, 'x') + "\n";
    auto notes = r.reject(code(padded));
    CHECK(notes == std::vector<std::string>{no_progress(
                       "it has " + std::to_string(padded.size()) + " bytes, more than the limit of " +
                       std::to_string(k_original.size() + 512) + " (refine.max_growth 2.00 times the original's " +
                       std::to_string(k_original.size()) + ")")});
    CHECK(r.verifier.calls.empty());
  }
  SUBCASE("a syntax error") {
    Run r;
    auto notes = r.reject(code(replace(k_fixed, "def run(cmd):", "def run(cmd:")));
    CHECK(notes ==
          std::vector<std::string>{no_progress("it does not parse: SyntaxError: '(' was never closed (line 6)")});
    CHECK(r.verifier.calls.empty());
  }
  SUBCASE("a docstring rewritten") {
    Run r;
    auto notes = r.reject(code(replace(k_fixed, "Runs cmd and returns", "Runs cmd, returns")));
    CHECK(notes == std::vector<std::string>{no_progress("it rewrites the docstring of the function run")});
    CHECK(r.verifier.calls.empty());
  }
  SUBCASE("a docstring removed") {
    Run r;
    auto notes = r.reject(code(replace(k_fixed, "    \"\"\"Runs cmd and returns its exit status.\"\"\"\n", "")));
    CHECK(notes == std::vector<std::string>{no_progress("it removes the docstring of the function run")});
  }
  SUBCASE("a documented function renamed") {
    Run r;
    auto notes = r.reject(code(replace(k_fixed, "def run(", "def run_command(")));
    CHECK(notes == std::vector<std::string>{
                       no_progress("it removes or renames the function run, whose docstring is part of the contract")});
  }
  SUBCASE("no code block") {
    Run r;
    CHECK(r.reject({"I would rather not.", false, {}}) ==
          std::vector<std::string>{no_progress("the answer has no ```python block")});
  }
  SUBCASE("two code blocks") {
    Run r;
    CHECK(r.reject({"```python\nx = 1\n```\n```python\ny = 2\n```\n", false, {}}) ==
          std::vector<std::string>{
              no_progress("the answer has 2 Python code blocks; only the one revised file lib/shell.py may change")});
  }
  SUBCASE("another file") {
    Run r;
    CHECK(r.reject({"```python other.py\n" + k_fixed + "```\n", false, {}}) ==
          std::vector<std::string>{
              no_progress("the answer's code block is for other.py, not lib/shell.py; only lib/shell.py may change")});
  }
  SUBCASE("an unclosed block") {
    Run r;
    CHECK(r.reject({"```python\n" + k_fixed, false, {}}) ==
          std::vector<std::string>{no_progress("the answer's code block is not closed (the answer was cut off)")});
  }
  SUBCASE("an empty block") {
    Run r;
    CHECK(r.reject({"```python\n\n```\n", false, {}}) ==
          std::vector<std::string>{no_progress("the answer's code block is empty")});
  }
  SUBCASE("cut off at the output limit") {
    Run r;
    // The file is small: the answer may use llm.max_output_tokens (1024).
    Reply cut = code(k_fixed);
    cut.truncated = true;
    CHECK(r.reject(cut) ==
          std::vector<std::string>{no_progress("the answer was cut off at the output limit of 1024 tokens")});
    CHECK(r.verifier.calls.empty());
    CHECK(r.llm.requests.at(0).max_tokens == 1024);
  }
  SUBCASE("the model refused the request: later rounds still ask") {
    Run r;
    r.config.refine.max_rounds = 2;
    r.llm.replies = {{"400 context too long", false, llm::LlmErrorKind::rejected}};
    r.run();
    CHECK(r.result.notes ==
          std::vector<std::string>{no_progress("the model could not be asked: 400 context too long", 2)});
    CHECK(r.llm.calls() == 2);
  }
}

TEST_CASE("refine loop: stops early") {
  SUBCASE("the LLM is unavailable: no later request is sent") {
    Run r;
    r.llm.replies = {{"http://fake: timed out", false, llm::LlmErrorKind::unavailable}};
    r.run();
    CHECK(r.result.notes ==
          std::vector<std::string>{"refine stopped early: the LLM failed: http://fake: timed out",
                                   no_progress("the model could not be asked: http://fake: timed out")});
    CHECK(r.llm.calls() == 1);
    CHECK(r.result.findings[0].fix_status == "open");
  }
  SUBCASE("a refused key: the other files of the round are not sent") {
    Run r;
    r.sources["lib/other.py"] = k_original;
    r.result.findings.push_back(shell_finding("lib/other.py"));
    r.llm.replies = {{"401 from http://fake (CODEGATE_LLM_API_KEY)", false, llm::LlmErrorKind::auth}};
    r.run();
    CHECK(r.result.notes ==
          std::vector<std::string>{
              "refine stopped early: the LLM failed: 401 from http://fake (CODEGATE_LLM_API_KEY)",
              "refine: lib/other.py: no revision was strictly better in 1 round; 1 finding still open (last attempt: "
              "the model could not be asked: 401 from http://fake (CODEGATE_LLM_API_KEY))",
              "refine: lib/shell.py: no revision was strictly better in 1 round; 1 finding still open (last attempt: "
              "not sent: the LLM failed: 401 from http://fake (CODEGATE_LLM_API_KEY))"});
    CHECK(r.llm.calls() == 1);
  }
  SUBCASE("the budget is exhausted") {
    Run r;
    llm::Budget one_call(1, 400000);
    r.llm.replies = {code(k_original)};
    run_refine(r.result, {.repo = r.repo,
                          .changes = r.changes,
                          .config = r.config,
                          .sources = r.sources,
                          .verifier = r.verifier,
                          .budget = one_call,
                          .client = [&](std::string&) -> llm::LlmClient* { return &r.llm; },
                          .options = {}});
    CHECK(r.result.notes == std::vector<std::string>{"refine stopped early: llm.budget.calls (1) reached",
                                                     no_progress("not sent: llm.budget.calls (1) reached", 2)});
    CHECK(r.llm.calls() == 1);
    CHECK(one_call.calls() == 1);
  }
  SUBCASE("the input-token budget is exhausted before the first request") {
    Run r;
    llm::Budget few_tokens(200, 10);
    run_refine(r.result, {.repo = r.repo,
                          .changes = r.changes,
                          .config = r.config,
                          .sources = r.sources,
                          .verifier = r.verifier,
                          .budget = few_tokens,
                          .client = [&](std::string&) -> llm::LlmClient* { return &r.llm; },
                          .options = {}});
    CHECK(r.result.notes == std::vector<std::string>{"refine stopped early: llm.budget.input_tokens (10) reached",
                                                     no_progress("not sent: llm.budget.input_tokens (10) reached", 1)});
    CHECK(r.llm.calls() == 0);
  }
  SUBCASE("the candidate could not be verified") {
    Run r;
    r.verifier.fail_with = "pylint exited with status 32";
    r.llm.replies = {code(k_fixed)};
    r.run();
    CHECK(r.result.notes == std::vector<std::string>{
                                "refine stopped early: an analyzer failed on a candidate: pylint exited with status 32",
                                no_progress("it could not be verified: pylint exited with status 32")});
    CHECK(r.llm.calls() == 1);
    CHECK(r.verifier.calls.size() == 1);
    CHECK(r.result.fixes.empty());
  }
}

TEST_CASE("refine loop: an intent check that could not run on the candidate keeps the intent findings") {
  auto intent = failing(k_path, "codegate", "intent-mismatch", 6, "fp-intent", "the docstring says it returns");
  SUBCASE("not run on the candidate: carried over, not fixed") {
    Run r;
    r.config.refine.max_rounds = 1;
    r.result.findings.push_back(intent);
    r.result.tools.push_back({"codegate-intent", "", ToolStatus::ok, ""});
    r.verifier.answer = [](const std::map<std::string, std::string>& files) {
      refine::Verification out;
      for (const auto& [path, content] : files) out.failing[path] = judge(path, content);
      out.intent_status = ToolStatus::unavailable;
      return out;
    };
    r.llm.replies = {code(k_fixed)};
    r.run();
    CHECK(r.result.notes ==
          std::vector<std::string>{"refine: lib/shell.py: 1 finding fixed (revision of round 1); 1 finding still open",
                                   "refine: 1 revised file is offered as suggestions"});
    CHECK(r.result.findings[1].fix_status == "open");
  }
  SUBCASE("run on the candidate: its verdict counts") {
    Run r;
    r.result.findings.push_back(intent);
    r.result.tools.push_back({"codegate-intent", "", ToolStatus::ok, ""});
    r.verifier.answer = [](const std::map<std::string, std::string>& files) {
      refine::Verification out;
      for (const auto& [path, content] : files) out.failing[path] = judge(path, content);
      out.intent_status = ToolStatus::ok;
      return out;
    };
    r.llm.replies = {code(k_fixed)};
    r.run();
    CHECK(r.result.notes == std::vector<std::string>{"refine: lib/shell.py: 2 findings fixed (revision of round 1)",
                                                     "refine: 1 revised file is offered as suggestions"});
    CHECK(r.result.findings[1].fix_status == "fixed in round 1");
  }
}

TEST_CASE("refine: the entry point's reasons not to run the loop") {
  SUBCASE("no failing finding from a tool in refine.tools") {
    Run r;
    r.config.refine.tools = {"pylint"};
    r.run();
    CHECK(r.result.notes ==
          std::vector<std::string>{
              "refine: nothing to do: no failing finding comes from a tool in refine.tools (pylint)"});
    CHECK(r.connects == 0);
    CHECK(r.result.fix_mode == FixMode::suggest);

    Run none;
    none.config.refine.tools = {};
    none.run();
    CHECK(
        none.result.notes ==
        std::vector<std::string>{"refine: nothing to do: no failing finding comes from a tool in refine.tools (none)"});
  }
  SUBCASE("no LLM client") {
    Run r;
    r.no_client = "no LLM configured (set CODEGATE_LLM_API_KEY or OPENAI_API_KEY)";
    r.run();
    CHECK(r.result.notes ==
          std::vector<std::string>{"refine skipped: no LLM configured (set CODEGATE_LLM_API_KEY or OPENAI_API_KEY)"});
    CHECK(r.connects == 1);
    CHECK(r.llm.calls() == 0);
  }
  SUBCASE("the analysed commit is codegate's own") {
    Run r;
    r.fixture.write(k_path, k_original);
    r.changes.head_sha = r.fixture.commit("codegate: fix 1 finding\n\nCodegate-Refined: true");
    r.run();
    CHECK(r.result.notes == std::vector<std::string>{"refine skipped: the analysed commit is codegate's own "
                                                     "(Codegate-Refined trailer), so it is not refined again"});
    CHECK(r.connects == 0);
  }
}

TEST_CASE("refine: delivery of the accepted revision") {
  SUBCASE("patch") {
    Run r;
    util::TempDir out("codegate-refine-patch");
    r.config.refine.fix = FixMode::patch;
    r.config.refine.patch_file = out.path() + "/fix.patch";
    r.llm.replies = {code(k_fixed)};
    r.run();
    CHECK(r.result.notes ==
          std::vector<std::string>{"refine: lib/shell.py: 1 finding fixed (revision of round 1)",
                                   "refine: patch for 1 file written to " + out.path() +
                                       "/fix.patch; apply it with: git apply " + out.path() + "/fix.patch"});
    CHECK(r.result.fix_mode == FixMode::patch);
    auto patch = util::read_file(out.path() + "/fix.patch");
    REQUIRE(patch);
    CHECK(patch->find("+    return subprocess.call(shlex.split(cmd), shell=False)\n") != std::string::npos);
  }
  SUBCASE("push without a target falls back to suggestions") {
    Run r;
    r.config.refine.fix = FixMode::push;
    r.llm.replies = {code(k_fixed)};
    r.run();
    CHECK(r.result.notes ==
          std::vector<std::string>{
              "refine: lib/shell.py: 1 finding fixed (revision of round 1)",
              "refine: not pushed: no push target was given; the fixes are offered as suggestions instead"});
    CHECK(r.result.fix_mode == FixMode::suggest);
  }
  SUBCASE("push to an impossible target falls back to suggestions") {
    Run r;
    r.config.refine.fix = FixMode::push;
    r.llm.replies = {code(k_fixed)};
    git::PushTarget fork;
    fork.impossible =
        "the pull request comes from the fork someone/fork, whose branch this run's token cannot "
        "push to";
    r.run({.in_ci = true, .log_dir = "", .push_target = fork, .cache_directory = ""});
    CHECK(r.result.notes.at(1) ==
          "refine: not pushed: the pull request comes from the fork someone/fork, whose "
          "branch this run's token cannot push to; the fixes are offered as suggestions "
          "instead");
    CHECK(r.result.fix_mode == FixMode::suggest);
  }
}

TEST_CASE("refine loop: --log-dir gets one record per file and round") {
  Run r;
  util::TempDir logs("codegate-refine-logs");
  r.llm.replies = {code(k_original), code(k_fixed)};
  r.run({.in_ci = false, .log_dir = logs.path(), .push_target = std::nullopt, .cache_directory = ""});
  CHECK(r.llm.calls() == 2);
  auto first = util::read_file(logs.path() + "/refine-lib_shell.py-round1.json");
  auto second = util::read_file(logs.path() + "/refine-lib_shell.py-round2.json");
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->find("\"outcome\": \"rejected\"") != std::string::npos);
  CHECK(first->find("\"reason\": \"it changes nothing\"") != std::string::npos);
  CHECK(second->find("\"outcome\": \"accepted\"") != std::string::npos);
  CHECK(second->find("\"reason\": \"removes 1 failing finding: bandit B602 at line 7: subprocess call with "
                     "shell=True identified\"") != std::string::npos);
  CHECK(r.verifier.names == std::vector<std::string>{"refine-round-2"});
}

} // namespace codegate
