#pragma once
// The comments that silence a tool in the source: Bandit's `# nosec` and Pylint's
// `# pylint: disable=...`. The tools run with these turned off or reported (Bandit
// `--ignore-nosec`, Pylint `suppressed-message`), and codegate finds the comment itself, so every
// suppressed finding stays in the model with the comment that hid it.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace codegate {

// The `# nosec` comment on `line` when it covers the Bandit test: a bare `# nosec` covers every
// test (Bandit 1.6 and 1.7); `# nosec B602, B603` (Bandit 1.7's form) covers only the tests it
// names, by id or by name. nullopt when the line has no covering comment.
std::optional<std::string> covering_nosec(std::string_view line, const std::string& test_id,
                                          const std::string& test_name);

// The `# noqa: S<nnn>` comment on `line` when it names the Bandit test B<nnn>: Ruff's and
// flake8-bandit's codes for Bandit's tests keep Bandit's numbers (S307 is B307, S602 is B602).
// A bare `# noqa` is not a Bandit suppression: it names no test.
std::optional<std::string> covering_noqa(std::string_view line, const std::string& test_id);

// The `# codegate: ignore[rule, ...]` comment on `line` when it names `rule` (codegate's own
// findings: missing-docstring, intent-mismatch). codegate/not-analysed is never suppressed.
std::optional<std::string> covering_codegate_ignore(std::string_view line, const std::string& rule);

// The `# pylint: ...` pragma on `line`, from its `#` to the end of the line; empty when none.
std::string pylint_pragma(std::string_view line);

// Gives every Bandit finding whose line carries a covering `# nosec` (or `# noqa: S<nnn>`) its
// Suppression, every codegate finding whose line carries a covering `# codegate: ignore[...]`
// its Suppression, and fills in the comment text of Pylint's suppressed findings (whose line the
// parser already knows).
void attach_suppressions(std::vector<Finding>& findings, const std::map<std::string, std::string>& sources);

} // namespace codegate
