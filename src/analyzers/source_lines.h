#pragma once
// The analysed files' lines by number, each file split once: what a finding's line says beyond
// the tool's words (the comment that suppresses it).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

} // namespace codegate
