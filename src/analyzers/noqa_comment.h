#pragma once
// The `# noqa` comment as flake8 and Ruff read it: `# noqa: F401, S602` names the codes it
// silences on its line; a bare `# noqa` silences every code, for the tools that accept that.
// Analyzers whose rules have flake8 or Ruff codes (Bandit's S, Pyflakes's F) honour it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace codegate {

// The comment on `line` when it covers `code`: `# noqa: <codes>` naming it, or a bare `# noqa`
// when `bare_covers_all`. nullopt when no comment covers it; a "noqa" outside a comment never does.
std::optional<std::string> covering_noqa_code(std::string_view line, std::string_view code, bool bare_covers_all);

// The words of a suppression comment's list ("B602, B603" or "S307:E501"), separated by commas,
// colons or spaces; stops at the next comment (`# nosec B602 # why`), which is the justification.
std::vector<std::string> listed_codes(std::string_view rest);

} // namespace codegate
