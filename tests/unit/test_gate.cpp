#include <doctest/doctest.h>

#include "gate/verdict.h"

using namespace codegate;

namespace {
Finding finding(const std::string& tool, const std::string& severity, const std::string& confidence, Level level) {
  Finding f;
  f.tool = tool;
  f.tool_severity = severity;
  f.confidence = confidence;
  f.level = level;
  f.filter.reported = true;
  return f;
}
} // namespace

TEST_CASE("default thresholds: Pylint error and fatal, Bandit medium severity with medium confidence") {
  CheckResult result;
  result.findings = {finding("pylint", "error", "", Level::error), finding("pylint", "warning", "", Level::warning),
                     finding("bandit", "MEDIUM", "MEDIUM", Level::warning),
                     finding("bandit", "HIGH", "LOW", Level::error), finding("bandit", "LOW", "HIGH", Level::note)};
  decide(result, Config{});
  CHECK(result.failed);
  CHECK(result.findings[0].fails_gate);
  CHECK_FALSE(result.findings[1].fails_gate);
  CHECK(result.findings[2].fails_gate);
  CHECK_FALSE(result.findings[3].fails_gate);
  CHECK_FALSE(result.findings[4].fails_gate);
}

TEST_CASE("unreported findings never fail the gate") {
  CheckResult result;
  result.findings = {finding("pylint", "error", "", Level::error)};
  result.findings[0].filter.reported = false;
  decide(result, Config{});
  CHECK_FALSE(result.failed);
}

TEST_CASE("fail_level replaces the thresholds, and none disables failing") {
  Config config;
  apply_fail_level(config, "warning");
  CheckResult result;
  result.findings = {finding("pylint", "warning", "", Level::warning)};
  decide(result, config);
  CHECK(result.failed);
  apply_fail_level(config, "none");
  decide(result, config);
  CHECK_FALSE(result.failed);
}

TEST_CASE("intent mismatches fail only when intent.fail_on is inconsistent") {
  CheckResult result;
  Finding f = finding("codegate", "", "", Level::warning);
  f.rule_id = "intent-mismatch";
  result.findings = {f};
  Config config;
  decide(result, config);
  CHECK_FALSE(result.failed);
  config.intent.fail_on = IntentFailOn::inconsistent;
  decide(result, config);
  CHECK(result.failed);
}
