#pragma once
// `codegate check`: the whole pipeline, and the only code that knows every stage.

#include "ci/ci_context.h"
#include "core/exit_code.h"
#include "pipeline/check_options.h"
#include "util/process_runner.h"

namespace codegate {

// Runs the gate and writes its reports. `ci` is what the environment says (read once, in main);
// `processes` starts the analyzers' tools (unit tests script them). Throws UsageError / ToolError
// (main maps them).
ExitCode run_check(const CheckOptions& options, const ci::CiContext& ci,
                   util::ProcessRunner& processes = util::system_process_runner());

} // namespace codegate
