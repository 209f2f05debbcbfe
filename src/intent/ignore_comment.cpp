#include "intent/ignore_comment.h"

#include "util/strings.h"

namespace codegate {

std::optional<std::string> covering_codegate_ignore(std::string_view line, const std::string& rule) {
  for (std::string_view marker : {"# codegate: ignore[", "#codegate: ignore[", "# codegate:ignore["}) {
    auto at = line.find(marker);
    if (at == std::string_view::npos) continue;
    std::string_view rest = line.substr(at + marker.size());
    auto close = rest.find(']');
    if (close == std::string_view::npos) continue;
    for (const auto& part : util::split_nonempty(rest.substr(0, close), ',')) {
      if (util::trim(part) == rule) return std::string(util::trim(line.substr(at)));
    }
  }
  return std::nullopt;
}

} // namespace codegate
