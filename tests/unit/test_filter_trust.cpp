// The filter's trust rules: which lines a finding was matched on, who added a suppression, and
// the baseline's move-proof keys.
#include <doctest/doctest.h>

#include "filter/baseline.h"
#include "filter/diff_filter.h"
#include "gate/verdict.h"

using namespace codegate;

namespace {

Finding bandit_at(const std::string& path, int line, const std::string& snippet, const std::string& unit) {
  Finding f;
  f.tool = "bandit";
  f.rule_id = "B602";
  f.tool_severity = "HIGH";
  f.confidence = "HIGH";
  f.level = Level::error;
  f.path = path;
  f.line = line;
  f.snippet = snippet;
  f.unit = unit;
  return f;
}

ChangeSet added_lines(const std::string& path, std::set<int> lines) {
  ChangeSet changes;
  ChangedFile file;
  file.path = path;
  file.old_path = path;
  file.added_lines = lines;
  file.context_lines = lines;
  changes.files.push_back(file);
  return changes;
}

} // namespace

TEST_CASE("a finding matched on a later line of its region records that line") {
  Finding f = bandit_at("a.py", 86, "", "");
  f.end_line = 92;
  std::vector<Finding> findings = {f};
  annotate(findings, added_lines("a.py", {90, 91}), FilterMode::added);
  CHECK(findings[0].filter.reported);
  CHECK(findings[0].filter.matched_lines == std::vector<int>{90, 91});
}

TEST_CASE("a suppression is the change's when the change added its comment line") {
  Finding by_change = bandit_at("a.py", 5, "", "");
  by_change.suppression = Suppression{5, "# nosec"};
  Finding by_base = bandit_at("a.py", 9, "", "");
  by_base.suppression = Suppression{9, "# nosec"};
  by_base.end_line = 10; // reported in added mode through line 10
  std::vector<Finding> findings = {by_change, by_base};

  annotate(findings, added_lines("a.py", {5, 10}), FilterMode::added, SuppressionPolicy::report);
  CHECK(findings[0].suppression->by == SuppressedBy::change);
  CHECK(findings[0].suppression->honoured);
  CHECK(findings[0].filter.reported); // listed as "suppressed in this change"
  CHECK(findings[1].suppression->by == SuppressedBy::base);
  CHECK_FALSE(findings[1].filter.reported); // an old suppression is not news
  CHECK(findings[1].filter.selected);

  annotate(findings, added_lines("a.py", {5, 10}), FilterMode::added, SuppressionPolicy::honour);
  CHECK_FALSE(findings[0].filter.reported);

  annotate(findings, added_lines("a.py", {5, 10}), FilterMode::added, SuppressionPolicy::deny_new);
  CHECK_FALSE(findings[0].suppression->honoured);
  CHECK(findings[0].filter.reported);
  CHECK(findings[1].suppression->honoured);
}

TEST_CASE("the gate never counts an honoured suppression or an advisory finding") {
  CheckResult result;
  result.findings = {bandit_at("a.py", 5, "", ""), bandit_at("a.py", 6, "", ""), bandit_at("a.py", 7, "", "")};
  result.findings[0].suppression = Suppression{5, "# nosec"};
  result.findings[1].suppression = Suppression{6, "# nosec"};
  result.findings[2].advisory = "'x' is not part of the repository";
  annotate(result.findings, added_lines("a.py", {5, 6, 7}), FilterMode::added, SuppressionPolicy::deny_new);
  Config config;
  decide(result, config);
  CHECK(result.failed);
  CHECK_FALSE(result.findings[0].suppression->honoured);
  CHECK(result.findings[0].fails_gate);
  CHECK(result.findings[2].filter.reported);
  CHECK_FALSE(result.findings[2].fails_gate);

  annotate(result.findings, added_lines("a.py", {5, 6, 7}), FilterMode::added, SuppressionPolicy::report);
  decide(result, config);
  CHECK_FALSE(result.failed);
}

TEST_CASE("the baseline key survives moving code: neither the line nor the path is in it") {
  Finding base = bandit_at("old.py", 7, "    return subprocess.call(cmd, shell=True)\n", "run");
  Finding moved = bandit_at("new/place.py", 40, "        return   subprocess.call(cmd, shell=True)\n", "Runner.run");
  CHECK(baseline_key(base) == baseline_key(moved));
  Finding other_unit = bandit_at("old.py", 7, base.snippet, "other");
  CHECK(baseline_key(base) != baseline_key(other_unit));
  Finding other_rule = base;
  other_rule.rule_id = "B603";
  CHECK(baseline_key(base) != baseline_key(other_rule));
}

TEST_CASE("the baseline marks no more findings of a key than the base had, in line order") {
  Finding base = bandit_at("a.py", 7, "subprocess.call(cmd, shell=True)\n", "run");
  Baseline baseline({base});
  std::vector<Finding> head = {bandit_at("b.py", 30, base.snippet, "run"), bandit_at("b.py", 12, base.snippet, "run")};
  ChangeSet changes = added_lines("b.py", {12, 30});
  annotate(head, changes, FilterMode::added);
  CHECK(baseline.mark(head, changes) == 1);
  CHECK(head[1].filter.in_base); // line 12 comes first
  CHECK_FALSE(head[1].filter.reported);
  CHECK_FALSE(head[0].filter.in_base);
  CHECK(head[0].filter.reported);
}
