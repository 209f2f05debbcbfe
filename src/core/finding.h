#pragma once
// The one model every analyzer produces and every filter, gate and reporter consumes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace codegate {

// SARIF result levels, ordered so that a threshold compares with >=.
enum class Level { note = 1, warning = 2, error = 3 };

std::string_view to_string(Level level);
std::optional<Level> parse_level(std::string_view text);

// How the diff filter sees a finding (reviewdog's annotations): the filter never drops one.
struct FilterState {
  bool in_changed_file = false; // the file is part of the change
  bool in_diff_context = false; // a line of the finding's region lies in a diff hunk (added or context)
  bool on_added_line = false;   // a line of the finding's region was added by the change
  bool reported = false;        // the filter mode selects this finding for reports and the gate
};

struct Finding {
  std::string tool;       // "pylint", "bandit", "codegate"
  std::string rule_id;    // "E0602", "B602", "intent-mismatch"
  std::string rule_name;  // "undefined-variable", "subprocess_popen_with_shell_equals_true"
  std::optional<int> cwe; // CWE id where known
  Level level = Level::warning;
  std::string tool_severity; // the tool's own word: Pylint's type ("error"), Bandit's "HIGH"
  std::string confidence;    // Bandit's confidence ("HIGH"...), empty where the tool has none
  std::string path;          // repository-relative, '/'-separated
  int line = 1;              // 1-based
  int column = 1;            // 1-based
  int end_line = 0;          // 0: same as line
  int end_column = 0;        // 0: unknown
  std::string message;
  std::string snippet; // the source line(s) the finding points at, at the analysed revision
  std::string help_uri;
  std::string fingerprint; // stable across line shifts (filter/fingerprint.h)
  FilterState filter;
  bool fails_gate = false; // set by the gate: this finding alone would fail the check
  std::string fix_status;  // refine: "" (not attempted), "fixed in round N", "open"
};

// codegate/not-analysed: a changed file the analyzers were not given (too large). It is about the
// whole file and the gate cannot vouch for it, so every filter mode reports it and it always
// fails the gate (pipeline/size_limit.h makes it).
bool is_not_analysed(const Finding& finding);

// Rule identity used by reporters ("pylint/E0602", "bandit/B602", "codegate/intent-mismatch").
std::string qualified_rule(const Finding& finding);

} // namespace codegate
