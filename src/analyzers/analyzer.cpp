#include "analyzers/analyzer.h"

#include <filesystem>

#include "core/error.h"

namespace codegate {

std::string normalise_tool_path(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  return path;
}

std::string file_argument(const std::string& path) { return "./" + path; }

const OptInAnalyzerConfig* opt_in_config(const Config& config, std::string_view name) {
  auto it = config.analyzers.find(std::string(name));
  return it == config.analyzers.end() ? nullptr : &it->second;
}

AnalyzerConfigFile read_named_config_file(const git::Snapshot& source, const std::string& path,
                                          const std::string& key) {
  auto content = source.read(path);
  if (!content)
    throw UsageError(key + " names '" + path + "', which is not a file in " + source.describe() +
                     "; fix the path or remove the key");
  return AnalyzerConfigFile{std::filesystem::path(path).filename().string(), *content, source.describe() + ":" + path};
}

} // namespace codegate
