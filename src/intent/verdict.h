#pragma once
// The intent verdict: what the intent check, its unit results and `codegate eval` say about a
// unit or a file, with its one name table (core/name_table.h). The model answers with the first
// three (intent/verdict_parser.h); `unchecked` is codegate's own: no verdict was had (no LLM, the
// budget, a failed service).

#include <optional>
#include <string_view>

namespace codegate::intent {

enum class Verdict { consistent, inconsistent, unclear, unchecked };

// "consistent", "inconsistent", "unclear", "unchecked": the spelling every output uses
// (results.json, the exchange logs, the intent cache).
std::string_view to_string(Verdict verdict);
// The exact name to_string gives; what codegate reads back of what it wrote.
std::optional<Verdict> parse_verdict_name(std::string_view text);

} // namespace codegate::intent
