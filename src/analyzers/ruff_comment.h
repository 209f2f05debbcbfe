#pragma once
// Ruff's own suppression comments (Ruff 0.15 and later; docs/linter.md "Error suppression" of
// github.com/astral-sh/ruff), which name rules by code or by name (analyzers/ruff_rules.h):
//   `x  # ruff: ignore[S310]`           its line; on a line of its own, the next logical line
//                                       (or, inside a multi-line statement, the next line only)
//   `# ruff: file-ignore[S310]`         the whole file; on a line of its own at module scope
//   `# ruff: disable[S310]` ...         the lines up to the `# ruff: enable[S310]` with the same
//   `# ruff: enable[S310]`              rules and indentation, else up to the first code indented
//                                       less than the comment; both on lines of their own
// `#ruff:` is case-sensitive, with optional spaces after `#` and after `:`; the rules are separated
// by commas. A comment covers a finding only when it names the finding's Ruff rule.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/ruff_rules.h"
#include "core/finding.h"

namespace codegate {

// One file's Ruff suppression comments, read once.
class RuffComments {
public:
  explicit RuffComments(const std::vector<std::string_view>& lines);

  // The comment that covers a line of `first`..`last` (1-based: a finding's region; Ruff may
  // report a rule on a later line of a statement than Bandit does) for `rule`: its line and its
  // text from `#` on.
  std::optional<Suppression> covering(int first, int last, const RuffRule& rule) const;

private:
  struct Directive {
    int line = 0;                   // the comment's line
    std::string comment;            // "# ruff: ignore[S310]  # why"
    std::vector<std::string> rules; // as written: codes or names
    int first = 0, last = 0;        // the lines it covers
  };
  std::vector<Directive> directives_;
};

// Gives each finding `owned` accepts that has no suppression yet the Suppression of the Ruff comment
// covering it for the rule `rule_of` returns (nullptr: Ruff has no rule for it, nothing covers it).
void attach_ruff_suppressions(std::vector<Finding>& findings, const std::map<std::string, std::string>& sources,
                              const std::function<bool(const Finding&)>& owned,
                              const std::function<const RuffRule*(const Finding&)>& rule_of);

} // namespace codegate
