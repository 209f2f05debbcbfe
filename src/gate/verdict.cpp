#include "gate/verdict.h"

#include <algorithm>

#include "analyzers/bandit.h"

namespace codegate {

bool meets_threshold(const Finding& finding, const Config& config) {
  if (finding.tool == "pylint") {
    const auto& types = config.pylint.fail_on;
    return std::find(types.begin(), types.end(), finding.tool_severity) != types.end();
  }
  if (finding.tool == "bandit") {
    return bandit_rank(finding.tool_severity) >= bandit_rank(config.bandit.severity) &&
           bandit_rank(finding.confidence) >= bandit_rank(config.bandit.confidence);
  }
  if (finding.rule_id == "intent-mismatch") return config.intent.fail_on == "inconsistent";
  return false; // advisory findings (missing docstrings, notes) never fail by themselves
}

bool exempt(const Finding& finding) {
  return (finding.suppression && finding.suppression->honoured) || !finding.advisory.empty();
}

void decide(CheckResult& result, const Config& config) {
  result.failed = false;
  for (auto& f : result.findings) {
    if (is_not_analysed(f)) {
      f.fails_gate = true; // unchecked code never passes, whatever the thresholds
    } else if (!f.filter.reported || exempt(f) || config.fail_level_none) {
      f.fails_gate = false;
    } else if (config.fail_level) {
      f.fails_gate = f.level >= *config.fail_level;
    } else {
      f.fails_gate = meets_threshold(f, config);
    }
    result.failed = result.failed || f.fails_gate;
  }
}

} // namespace codegate
