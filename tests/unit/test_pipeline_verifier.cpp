// The refine loop's verifier judges a candidate as the check judged the original: the same
// analyzers (played by FakeTools) over the analysed revision with the candidate in its file's
// place, the diff the candidate would make against the base, and the gate's thresholds.

#include <doctest/doctest.h>

#include "core/error.h"
#include "git/diff.h"
#include "git/handles.h"
#include "git/repository.h"
#include "git/snapshot.h"
#include "git_fixture.h"
#include "pipeline/candidate_verifier.h"
#include "tool_fakes.h"

using namespace codegate;
using codegate::testing::FakeTools;

namespace {

const char* k_base = R"("""Shell helpers."""
import subprocess


def run(command):
    """Run a command and return its exit status."""
    return subprocess.call(command)
)";

const char* k_head = R"("""Shell helpers."""
import subprocess


def run(command):
    """Run a command and return its exit status."""
    return subprocess.call(command, shell=True)
)";

struct Refining {
  git::Library libgit2;
  test::GitFixture fixture;
  FakeTools tools;
  std::string base_sha;
  std::string head_sha;

  Refining() {
    fixture.write("lib/shell.py", k_base);
    base_sha = fixture.commit("base");
    fixture.write("lib/shell.py", k_head);
    head_sha = fixture.commit("shell=True");
    tools.bandit = {{"lib/shell.py", "shell=True", "B602", "subprocess_popen_with_shell_equals_true", "HIGH",
                     "subprocess call with shell=True identified, security issue."}};
  }
};

} // namespace

TEST_CASE("a candidate is failed for what it still adds, and passed once the finding is gone") {
  Refining r;
  auto repo = git::Repository::open(r.fixture.path());
  auto analysed = git::commit_snapshot(repo, r.head_sha);
  auto base = git::commit_snapshot(repo, r.base_sha);
  ChangeSet changes = git::diff_commits(repo, r.base_sha, r.head_sha);
  TrustedConfig trusted;
  trusted.config.intent.enabled = false;
  CandidateVerifier verifier(
      {.analysed = *analysed, .base = base.get(), .changes = changes, .trusted = trusted, .processes = r.tools});

  std::string still_shell =
      std::string(k_head) + "\n\ndef echo(text):\n    \"\"\"Return text.\"\"\"\n    return text\n";
  refine::Verification kept = verifier.verify({{"lib/shell.py", still_shell}}, "r1");
  REQUIRE(kept.failing.count("lib/shell.py") == 1);
  REQUIRE(kept.failing["lib/shell.py"].size() == 1);
  CHECK(kept.failing["lib/shell.py"][0].rule_id == "B602");
  CHECK(kept.failing["lib/shell.py"][0].line == 7);
  CHECK(kept.failing["lib/shell.py"][0].unit == "run");
  CHECK(kept.intent_status == ToolStatus::skipped);

  refine::Verification fixed = verifier.verify({{"lib/shell.py", k_base}}, "r2");
  REQUIRE(fixed.failing.count("lib/shell.py") == 1);
  CHECK(fixed.failing["lib/shell.py"].empty());

  // Each verification runs each tool once, on the candidate's file alone.
  using Runs = std::vector<std::vector<std::string>>;
  CHECK(r.tools.runs("bandit") == Runs{{"lib/shell.py"}, {"lib/shell.py"}});
  CHECK(r.tools.runs("pylint") == Runs{{"lib/shell.py"}, {"lib/shell.py"}});
}

TEST_CASE("a tool that fails on a candidate fails the verification; it is never a pass") {
  Refining r;
  auto repo = git::Repository::open(r.fixture.path());
  auto analysed = git::commit_snapshot(repo, r.head_sha);
  ChangeSet changes = git::diff_commits(repo, r.base_sha, r.head_sha);
  TrustedConfig trusted;
  trusted.config.intent.enabled = false;
  r.tools.missing = {"pylint"};
  CandidateVerifier verifier(
      {.analysed = *analysed, .base = nullptr, .changes = changes, .trusted = trusted, .processes = r.tools});
  CHECK_THROWS_AS(verifier.verify({{"lib/shell.py", k_base}}, "r1"), ToolError);
}

TEST_CASE("a candidate that causes a failing finding on a line it did not touch is failed for it") {
  // The candidate fixes shell=True and deletes `import subprocess`: the call's line is the base's
  // own, and the base had no undefined name there, so the candidate caused it.
  Refining r;
  r.tools.pylint = {{"lib/shell.py", "subprocess.call(command)", "E0602", "undefined-variable", "error",
                     "Undefined variable 'subprocess'"}};
  auto repo = git::Repository::open(r.fixture.path());
  auto analysed = git::commit_snapshot(repo, r.head_sha);
  auto base = git::commit_snapshot(repo, r.base_sha);
  ChangeSet changes = git::diff_commits(repo, r.base_sha, r.head_sha);
  TrustedConfig trusted;
  trusted.config.intent.enabled = false;
  std::string without_import = k_base;
  without_import.erase(without_import.find("import subprocess\n"), std::string("import subprocess\n").size());

  Baseline nothing_there; // the base's analysis of the file found nothing
  CandidateVerifier verifier({.analysed = *analysed,
                              .base = base.get(),
                              .changes = changes,
                              .trusted = trusted,
                              .processes = r.tools,
                              .baseline = &nothing_there});
  refine::Verification verdict = verifier.verify({{"lib/shell.py", without_import}}, "r1");
  REQUIRE(verdict.failing["lib/shell.py"].size() == 1);
  const Finding& caused = verdict.failing["lib/shell.py"][0];
  CHECK(caused.rule_id == "E0602");
  CHECK(caused.filter.caused_by_change);
  CHECK_FALSE(caused.filter.on_added_line);

  // The base had it on that line: the candidate did not cause it.
  Finding old;
  old.tool = "pylint";
  old.rule_id = "E0602";
  old.tool_severity = "error";
  old.level = Level::error;
  old.path = "lib/shell.py";
  old.line = 7;
  old.message = "Undefined variable 'subprocess'";
  Baseline had_it({old});
  CandidateVerifier judged({.analysed = *analysed,
                            .base = base.get(),
                            .changes = changes,
                            .trusted = trusted,
                            .processes = r.tools,
                            .baseline = &had_it});
  CHECK(judged.verify({{"lib/shell.py", without_import}}, "r2").failing["lib/shell.py"].empty());

  // Without a baseline (baseline: none) only the candidate's lines count.
  CandidateVerifier lines_only(
      {.analysed = *analysed, .base = base.get(), .changes = changes, .trusted = trusted, .processes = r.tools});
  CHECK(lines_only.verify({{"lib/shell.py", without_import}}, "r3").failing["lib/shell.py"].empty());
}
