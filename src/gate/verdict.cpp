#include "gate/verdict.h"

#include "registry/registry.h"

namespace codegate {

bool meets_threshold(const Finding& finding, const Config& config) {
  // Each analyzer judges its own findings; codegate's other findings never fail by themselves
  // (codegate/not-analysed fails in decide, whatever the thresholds).
  const Analyzer* analyzer = analyzer_for(finding);
  return analyzer != nullptr && analyzer->meets_threshold(finding, config);
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
