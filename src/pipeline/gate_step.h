#pragma once
// The filter, the baseline and the gate over analysed findings, in the one order the check and
// the refine loop's verifier both follow: the diff filter annotates each finding with the change's
// lines, the findings the base already had are marked old, those the change caused off its lines
// are selected (pipeline/baseline.h), and the gate decides.

#include "config/config.h"
#include "core/change_set.h"
#include "core/check_result.h"
#include "pipeline/baseline.h"

namespace codegate {

// `baseline` null: no baseline (baseline: none, or a mode it does not apply to).
void filter_and_gate(CheckResult& result, const ChangeSet& changes, const Config& config, const Baseline* baseline);

} // namespace codegate
