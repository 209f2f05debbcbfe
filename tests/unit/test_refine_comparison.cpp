#include <doctest/doctest.h>

#include "python/source_index.h"
#include "refine/candidate_checks.h"
#include "refine/comparison.h"

using namespace codegate;
using namespace codegate::refine;

namespace {

Finding finding(const std::string& tool, const std::string& rule, int line, const std::string& fingerprint) {
  Finding f;
  f.tool = tool;
  f.rule_id = rule;
  f.line = line;
  f.message = rule + " message";
  f.fingerprint = fingerprint;
  return f;
}

} // namespace

TEST_CASE("strictly better: removes a target and adds nothing") {
  std::vector<Finding> current = {finding("bandit", "B602", 7, "fp-shell"), finding("pylint", "E0602", 12, "fp-name")};
  std::set<std::string> targets = {"fp-shell", "fp-name"};

  auto better = compare_failing(current, {finding("pylint", "E0602", 11, "fp-name")}, targets);
  CHECK(better.better);
  CHECK(better.targets_removed == 1);
  REQUIRE(better.removed.size() == 1);
  CHECK(better.removed[0].rule_id == "B602");
  CHECK(better.reason.empty());

  auto all = compare_failing(current, {}, targets);
  CHECK(all.better);
  CHECK(all.targets_removed == 2);
}

TEST_CASE("a revision that adds a failing finding is worse, even when it removes others") {
  std::vector<Finding> current = {finding("bandit", "B602", 7, "fp-shell")};
  auto worse = compare_failing(current, {finding("bandit", "B605", 7, "fp-os-system")}, {"fp-shell"});
  CHECK_FALSE(worse.better);
  CHECK(worse.targets_removed == 1);
  REQUIRE(worse.introduced.size() == 1);
  CHECK(worse.reason == "it brings 1 new failing finding: bandit B605 at line 7: B605 message");
}

TEST_CASE("a revision that removes nothing, or only findings that are not targets, is not better") {
  std::vector<Finding> current = {finding("bandit", "B602", 7, "fp-shell"), finding("pylint", "E0602", 9, "fp-name")};
  auto same = compare_failing(current, current, {"fp-shell"});
  CHECK_FALSE(same.better);
  CHECK(same.reason == "it removes none of the failing findings it was asked to fix");

  auto other = compare_failing(current, {current[0]}, {"fp-shell"});
  CHECK_FALSE(other.better);
  CHECK(other.removed.size() == 1);
}

TEST_CASE("size limit: max_growth times the original, at least 512 bytes of room") {
  CHECK(size_limit(1000, 2.0) == 2000);
  CHECK(size_limit(100, 2.0) == 612);
  CHECK(size_problem(1000, 2000, 2.0).empty());
  CHECK(size_problem(1000, 2001, 2.0) ==
        "it has 2001 bytes, more than the limit of 2000 (refine.max_growth 2.00 times the original's 1000)");
}

TEST_CASE("candidates take the original's line ends and final newline") {
  CHECK(normalise_candidate("a = 1\nb = 2", "x = 1\n") == "a = 1\nb = 2\n");
  CHECK(normalise_candidate("a = 1\r\nb = 2\n", "x = 1\n") == "a = 1\nb = 2\n");
  CHECK(normalise_candidate("a = 1\nb = 2\n", "x = 1\r\n") == "a = 1\r\nb = 2\r\n");
  CHECK(normalise_candidate("a = 1", "x = 1") == "a = 1");
}

TEST_CASE("docstrings must survive word for word; new units and docstrings are fine") {
  const std::string original =
      "\"\"\"Shell helpers.\"\"\"\n\n\ndef run(command):\n    \"\"\"Run a shell command and return its\n    exit "
      "status.\"\"\"\n    return command\n";
  auto indexes = python::index_python_sources({
      {"same.py",
       "\"\"\"Shell helpers.\"\"\"\nimport shlex\n\n\ndef run(command):\n    \"\"\"Run a shell command and return its "
       "exit status.\"\"\"\n    return shlex.split(command)\n\n\ndef extra():\n    \"\"\"New.\"\"\"\n"},
      {"orig.py", original},
      {"rewritten.py",
       "\"\"\"Shell helpers.\"\"\"\n\n\ndef run(command):\n    \"\"\"Run a command safely.\"\"\"\n    return "
       "command\n"},
      {"removed.py", "\"\"\"Shell helpers.\"\"\"\n\n\ndef run(command):\n    return command\n"},
      {"renamed.py",
       "\"\"\"Shell helpers.\"\"\"\n\n\ndef run_safely(command):\n    \"\"\"Run a shell command and return its exit "
       "status.\"\"\"\n    return command\n"},
      {"broken.py", "def run(:\n"},
  });
  auto by_path = [&](const std::string& path) {
    for (const auto& index : indexes)
      if (index.path == path) return index;
    FAIL("no index for " << path);
    return python::SourceIndex{};
  };
  auto orig = by_path("orig.py");
  CHECK(docstring_problem(orig, by_path("same.py")).empty());
  CHECK(docstring_problem(orig, by_path("rewritten.py")) == "it rewrites the docstring of the function run");
  CHECK(docstring_problem(orig, by_path("removed.py")) == "it removes the docstring of the function run");
  CHECK(docstring_problem(orig, by_path("renamed.py")) ==
        "it removes or renames the function run, whose docstring is part of the contract");
  CHECK_FALSE(by_path("broken.py").ok);
}
