#pragma once
// Puts the reports where the options say: one on stdout (--format), others into files.

#include "core/check_result.h"
#include "pipeline/check_options.h"

namespace codegate {

void write_reports(const CheckResult& result, const CheckOptions& options);

} // namespace codegate
