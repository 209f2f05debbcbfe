#pragma once
// `codegate check`: the whole pipeline, and the only code that knows every stage.

#include "core/exit_code.h"
#include "pipeline/check_options.h"

namespace codegate {

// Runs the gate and writes its reports. Throws UsageError / ToolError (main maps them).
ExitCode run_check(const CheckOptions& options);

} // namespace codegate
