#pragma once
// Part of the intent check (intent_check.cpp): the files it reads, as valid UTF-8, as lines, and
// their source index.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "intent/intent_check.h"
#include "python/source_index.h"

namespace codegate::intent {

// Generated or vendored files of this size are no one's documented intent, and parsing them
// would hold up the stage.
constexpr std::size_t k_max_source_bytes = 2 * 1024 * 1024;

struct SourceTexts {
  std::map<std::string, std::string> sources;            // path -> valid UTF-8
  std::map<std::string, std::vector<std::string>> lines; // path -> its lines
};

// `text` cut into lines (util::split_lines), as strings.
std::vector<std::string> lines_of(const std::string& text);

// Every file of `input` but one too large, which is left out with a note.
SourceTexts readable_texts(const std::map<std::string, std::string>& input, std::vector<std::string>& notes);

// The files' source index. When the index cannot be made the run is unavailable (its note in
// `out`) and the result empty, or, with `strict`, the ToolError is thrown on.
std::optional<std::vector<python::SourceIndex>> index_texts(const SourceTexts& texts, bool strict, IntentOutput& out);

} // namespace codegate::intent
