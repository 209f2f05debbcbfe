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

} // namespace codegate
