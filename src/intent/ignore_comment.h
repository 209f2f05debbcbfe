#pragma once
// `# codegate: ignore[rule, ...]`: the comment that silences codegate's own findings
// (missing-docstring, intent-mismatch) on its line. codegate/not-analysed is never suppressed.

#include <optional>
#include <string>
#include <string_view>

namespace codegate {

// The comment on `line` when it names `rule`; nullopt when none does.
std::optional<std::string> covering_codegate_ignore(std::string_view line, const std::string& rule);

} // namespace codegate
