#pragma once
// Puts the reports where the options say: one on stdout (--format), others into files.

#include "ci/ci_context.h"
#include "core/check_result.h"
#include "pipeline/check_options.h"

namespace codegate {

// Under GitHub Actions (`ci`) the report on stdout is fenced off from the runner's commands.
// When a SARIF report is asked for and GitHub's limits leave results out of it, a note saying so
// is added to `result` first, so every other report and the published summary carry it too.
// Report files are never written through a symbolic link inside `checkout` (the change's own).
void write_reports(CheckResult& result, const CheckOptions& options, const ci::CiContext& ci,
                   const std::string& checkout);

// Every file the options ask to write (reports, GitLab's reports, `extra`), checked before any
// analysis: a path through a symbolic link that `checkout` holds is a UsageError (exit 2) naming
// the link. A link at the path itself is replaced when the report is written, never followed.
void check_report_paths(const CheckOptions& options, const std::string& checkout,
                        const std::vector<std::string>& extra = {});

// The verdict's line on stderr when stdout holds a machine-readable report (the text report ends
// with the same verdict).
void report_verdict(const CheckResult& result, const CheckOptions& options);

} // namespace codegate
