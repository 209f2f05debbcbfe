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

bool would_fail(const Finding& finding, const Config& config) {
  if (is_not_analysed(finding)) return true; // unchecked code never passes, whatever the thresholds
  if (exempt(finding) || config.fail_level_none) return false;
  if (config.fail_level) return finding.level >= *config.fail_level;
  return meets_threshold(finding, config);
}

void decide(CheckResult& result, const Config& config) {
  result.failed = false;
  for (auto& f : result.findings) {
    f.fails_gate = (f.filter.reported || is_not_analysed(f)) && would_fail(f, config);
    result.failed = result.failed || f.fails_gate;
  }
}

} // namespace codegate
