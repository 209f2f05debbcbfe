#pragma once
// Pylint run with `suppressed-message` enabled reports each message a `# pylint: disable` hid as
// I0020 "Suppressed 'eval-used' (from line 8)". These turn such a report back into the finding
// it hides: the rule's id, type and description come from `pylint --help-msg`, the pragma's line
// from the report. Pylint keeps no more of a suppressed message than that.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "util/process_runner.h"

namespace codegate {

struct SuppressedMessage {
  std::string symbol; // "eval-used"
  int pragma_line = 0;
};
// nullopt when the message is not in I0020's form.
std::optional<SuppressedMessage> parse_suppressed_message(const std::string& message);

struct MessageHelp {
  std::string id;          // "W0123"
  std::string description; // "Use of eval"; placeholders of the template left out
};
// Reads `pylint --help-msg` output (":eval-used (W0123): *Use of eval*"), keyed by symbol.
std::map<std::string, MessageHelp> parse_message_help(const std::string& text);

// Pylint's message type for an id's first letter ("W0123" -> "warning"); "" for an unknown one.
std::string pylint_type_of(const std::string& message_id);

// The `# pylint: ...` pragma on `line`, from its `#` to the end of the line; empty when none.
std::string pylint_pragma(std::string_view line);

// Replaces every I0020 report by the finding it hides, with Finding::suppression set to the
// pragma's line. Runs `pylint --help-msg` once, only when there is such a report, under the
// same time limit as Pylint itself; throws ToolError when that fails or runs out of time.
void expand_suppressed_messages(std::vector<Finding>& findings, double timeout_seconds, util::ProcessRunner& runner);

} // namespace codegate
