#pragma once
// Azure Pipelines' logging commands: `##vso[task.logissue ...]` lines the agent turns into the
// build's errors and warnings. The agent acts on `##vso[` anywhere in any line a step prints, so
// codegate's own output must never carry one it did not mean (platform/log_commands.h).

#include <string>
#include <string_view>
#include <vector>

#include "core/check_result.h"

namespace codegate::platform {

// A command's message: '%' as %AZP25, CR and LF as %0D and %0A (the agent's own escaping, as
// azure-pipelines-task-lib writes it), so a message stays on its line.
std::string escape_logging_data(std::string_view text);
// A property value: as data, and ';' and ']' too (%3B, %5D), which end a property and the command.
std::string escape_logging_property(std::string_view text);

// `##vso[task.logissue type=error;sourcepath=...;linenumber=...;columnnumber=...;code=...]message`:
// a finding that fails the gate is an error, another reported finding a warning.
std::string logissue(const Finding& finding);

// The logissue lines for the reported findings, failing ones first, at most `per_kind` errors and
// `per_kind` warnings, then a plain line saying how many more the summary and SARIF hold. Notes
// that do not fail are not logged: the agent knows no lesser kind than a warning, and a build
// full of warnings about advice is noise (the summary thread lists them).
std::vector<std::string> logissues(const CheckResult& result, int per_kind);

} // namespace codegate::platform
