#pragma once
// The analysed files' lines by number, each file split once: what a finding's line says beyond
// the tool's words (the comment that suppresses it).

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace codegate {

class SourceLines {
public:
  explicit SourceLines(const std::map<std::string, std::string>& sources) : sources_(sources) {}

  // Line `number` (1-based) of `path`, empty past the file's end; nullopt for a file not analysed.
  std::optional<std::string_view> line(const std::string& path, int number);

private:
  const std::map<std::string, std::string>& sources_;
  std::map<std::string, std::vector<std::string_view>> split_;
};

// Gives each finding `owned` accepts the Suppression of the comment `covering` finds on its line
// (an analyzer's Analyzer::complete: `# nosec`, `# noqa`, `# codegate: ignore[...]`).
void attach_line_suppressions(
    std::vector<Finding>& findings, const std::map<std::string, std::string>& sources,
    const std::function<bool(const Finding&)>& owned,
    const std::function<std::optional<std::string>(std::string_view line, const Finding&)>& covering);

} // namespace codegate
