#pragma once
// Puts the reports where the options say: one on stdout (--format), others into files.

#include "ci/ci_context.h"
#include "core/check_result.h"
#include "pipeline/check_options.h"

namespace codegate {

// Under GitHub Actions (`ci`) the report on stdout is fenced off from the runner's commands.
// When a SARIF report is asked for and GitHub's limits leave results out of it, a note saying so
// is added to `result` first, so every other report and the published summary carry it too.
void write_reports(CheckResult& result, const CheckOptions& options, const ci::CiContext& ci);

// The verdict's line on stderr when stdout holds a machine-readable report (the text report ends
// with the same verdict).
void report_verdict(const CheckResult& result, const CheckOptions& options);

} // namespace codegate
