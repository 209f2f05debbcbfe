#pragma once
// The commands a CI runner takes from a step's log. GitHub's runner runs a line that starts with
// `::` (after any white space, which it trims as .NET does: Unicode's too) and, as its older form,
// a `##[command]` anywhere in a line; Azure Pipelines' agent runs `##vso[` anywhere in any line
// (any case) and a line-leading `##[`. Both read stdout and stderr alike and split lines at LF and
// at CR. Under either, every byte codegate writes passes neutralize_log_commands, except the
// commands codegate means itself (annotations, logged issues, the stdout fence), whose data is
// escaped instead.

#include <string>
#include <string_view>

namespace codegate::platform {

// Text a tool, the model or a file name put into codegate's output, made inert for both runners:
// "##vso[" becomes "##vso [", "##[" becomes "## [", and a line's leading "::" becomes ": :".
std::string neutralize_log_commands(std::string_view text);

// The same for a value inside a command codegate writes (an annotation's file or message, a logged
// issue's), which never starts a line: only the forms that act anywhere in a line are broken up.
std::string neutralize_inline_commands(std::string_view text);

} // namespace codegate::platform
