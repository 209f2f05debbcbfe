#include "intent/source_texts.h"

#include "core/error.h"
#include "util/strings.h"

namespace codegate::intent {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  for (auto line : util::split_lines(text)) lines.emplace_back(line);
  return lines;
}

SourceTexts readable_texts(const std::map<std::string, std::string>& input, std::vector<std::string>& notes) {
  SourceTexts texts;
  for (const auto& [path, content] : input) {
    if (content.size() > k_max_source_bytes) {
      notes.push_back(path + ": skipped by the intent check: larger than " +
                      std::to_string(k_max_source_bytes / (1024 * 1024)) + " MiB");
      continue;
    }
    texts.sources[path] = util::to_valid_utf8(content);
    texts.lines[path] = lines_of(texts.sources[path]);
  }
  return texts;
}

std::optional<std::vector<python::SourceIndex>> index_texts(const SourceTexts& texts, bool strict, IntentOutput& out) {
  try {
    return python::index_python_sources(texts.sources);
  } catch (const ToolError& error) {
    if (strict) throw;
    out.run.status = ToolStatus::unavailable;
    out.run.note = std::string("intent check unavailable: ") + error.what();
    out.notes.push_back(out.run.note);
    return std::nullopt;
  }
}

} // namespace codegate::intent
