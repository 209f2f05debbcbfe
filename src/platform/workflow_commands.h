#pragma once
// GitHub Actions' workflow commands and environment files: annotations on stdout, step outputs
// in $GITHUB_OUTPUT, the job summary in $GITHUB_STEP_SUMMARY.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/check_result.h"

namespace codegate::platform {

// A command's message: '%', CR and LF encoded (%25, %0D, %0A), as the runner decodes them.
std::string escape_command_data(std::string_view text);
// A command's property value: as data, and ':' and ',' too (%3A, %2C), which separate properties.
std::string escape_command_property(std::string_view text);

// One annotation line: `::error file=...,line=...,endLine=...,col=...,title=...::message`.
// A finding that fails the gate is an error; other errors and warnings are warnings; notes
// are notices, so the red marks in the pull request are exactly what blocks the merge.
std::string annotation(const Finding& finding);

// The reported findings in the order annotations take them on every platform: those that fail the
// gate first, then warnings and errors that do not, then notes; by path and line within each.
std::vector<const Finding*> reported_for_annotations(const CheckResult& result);

// Annotation lines for the reported findings, failing ones first, at most `limit` of them (GitHub
// shows only ten of each kind per step; thousands of lines only bury the log), then a notice
// saying how many more the summary and SARIF hold.
std::vector<std::string> annotations(const CheckResult& result, int limit);

// Step outputs as `name=value` lines, or the heredoc form for a value with a line break, using
// a delimiter that does not occur in the value.
std::string output_lines(const std::vector<std::pair<std::string, std::string>>& outputs);

} // namespace codegate::platform
