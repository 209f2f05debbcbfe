#include "analyzers/source_lines.h"

#include "util/strings.h"

namespace codegate {

std::optional<std::string_view> SourceLines::line(const std::string& path, int number) {
  auto source = sources_.find(path);
  if (source == sources_.end()) return std::nullopt;
  auto [entry, inserted] = split_.try_emplace(path);
  if (inserted) entry->second = util::split_lines(source->second);
  const auto& lines = entry->second;
  if (number < 1 || number > static_cast<int>(lines.size())) return std::string_view{};
  return lines[static_cast<std::size_t>(number - 1)];
}

void attach_line_suppressions(
    std::vector<Finding>& findings, const std::map<std::string, std::string>& sources,
    const std::function<bool(const Finding&)>& owned,
    const std::function<std::optional<std::string>(std::string_view line, const Finding&)>& covering) {
  SourceLines lines(sources);
  for (auto& f : findings) {
    if (!owned(f)) continue;
    auto line = lines.line(f.path, f.line);
    if (!line) continue;
    if (auto comment = covering(*line, f)) f.suppression = Suppression{f.line, *comment};
  }
}

} // namespace codegate
