#include "pipeline/gate_step.h"

#include "filter/diff_filter.h"
#include "gate/verdict.h"

namespace codegate {

void filter_and_gate(CheckResult& result, const ChangeSet& changes, const Config& config, const Baseline* baseline) {
  annotate(result.findings, changes, config.filter_mode, config.suppressions);
  if (baseline != nullptr) apply_baseline(*baseline, result.findings, changes, config);
  decide(result, config);
}

} // namespace codegate
