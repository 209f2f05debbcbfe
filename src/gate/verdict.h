#pragma once
// Pass or fail: which reported findings fail the gate under the configured thresholds.

#include "config/config.h"
#include "core/check_result.h"

namespace codegate {

// True when this finding meets its analyzer's threshold (ignoring the filter): Analyzer::meets_threshold.
bool meets_threshold(const Finding& finding, const Config& config);

// True for a finding the gate never counts, whatever the thresholds say: one an honoured comment
// suppresses, and one about a module the gate's machine cannot inspect (Finding::advisory).
bool exempt(const Finding& finding);

// True when this finding, were it reported, would fail the gate: not exempt, and at or above
// `fail_level` when one is set, else its analyzer's threshold. codegate/not-analysed always fails.
bool would_fail(const Finding& finding, const Config& config);

// Sets Finding::fails_gate on every reported finding that fails, and CheckResult::failed.
// `fail_level` (when set) replaces the per-tool thresholds: any reported finding at or above it
// fails; `fail_level: none` never fails on findings.
void decide(CheckResult& result, const Config& config);

} // namespace codegate
