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
  bool in_changed_file = false;   // the file is part of the change
  bool in_diff_context = false;   // a line of the finding's region lies in a diff hunk (added or context)
  bool on_added_line = false;     // a line of the finding's region was added by the change
  bool reported = false;          // selected, new, and not hidden by an honoured suppression
  std::vector<int> matched_lines; // the region's lines the filter mode matched on (added or in a hunk)
  bool selected = false;          // the filter mode selects it
  bool in_base = false;           // the baseline has the same finding: it is not new (filter/baseline.h)
  // Why the baseline holds the finding to be the change's beyond its lines (filter/baseline.h):
  // selected on no line the mode matches because the base did not have it there ("caused by the
  // change: ..."), or the base had it only where it could not fail. Empty otherwise.
  std::string new_because;
  bool caused_by_change = false; // selected by the baseline, not by the mode's lines
};

// Who wrote the comment that suppresses a finding: it was already in the base, or the change added it.
enum class SuppressedBy { base, change };
std::string_view to_string(SuppressedBy by); // "base", "change"

// A `# nosec` or `# pylint: disable` that covers a finding. The tools are run so that they report
// suppressed findings too; whether the suppression counts is the gate's decision (config
// `suppressions`), so a change cannot hide its own findings unseen.
struct Suppression {
  int line = 0;        // the line that carries the comment
  std::string comment; // the comment as written there ("# nosec B602"), the SARIF justification
  SuppressedBy by = SuppressedBy::base;
  bool honoured = true; // false when `suppressions: deny-new` rejects a comment the change added
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
  std::string unit;        // the innermost enclosing function or class ("Parser.parse"); empty: module level
  std::optional<Suppression> suppression;
  // Why this finding cannot fail the gate whatever the thresholds say (a module outside the
  // repository that the gate's machine cannot inspect); empty for ordinary findings.
  std::string advisory;
  // The role of the finding's file when it is not product code ("test"; roles/file_roles.h).
  std::string role;
  FilterState filter;
  bool fails_gate = false; // set by the gate: this finding alone would fail the check
  std::string fix_status;  // refine: "" (not attempted), "fixed in round N", "open"
};

// Finding::tool of codegate's own checks (the intent check's findings, codegate/not-analysed), and
// the name of their SARIF run.
inline constexpr std::string_view k_own_tool = "codegate";
// True for a finding of codegate's own checks rather than of an external tool.
bool is_own_finding(const Finding& finding);

// codegate/not-analysed: a changed file the analyzers were not given (too large, or one whose lines
// or name the tools and git would count differently). It is about the whole file and the gate
// cannot vouch for it, so every filter mode reports it and it always fails the gate.
bool is_not_analysed(const Finding& finding);
// The codegate/not-analysed finding for `path` of `lines` lines: "<path> was not analysed: <reason>".
Finding not_analysed_finding(const std::string& path, const std::string& reason, int lines);

// Rule identity used by reporters ("pylint/E0602", "bandit/B602", "codegate/intent-mismatch").
std::string qualified_rule(const Finding& finding);

} // namespace codegate
