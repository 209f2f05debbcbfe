#include "analyzers/bandit/exclude_dirs.h"

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <sstream>

#include "config/pyproject.h"
#include "core/error.h"
#include "roles/settings_files.h"

namespace codegate {
namespace {

// A list of strings, or one string of whitespace-separated words.
std::vector<std::string> toml_strings(const toml::node* node) {
  std::vector<std::string> out;
  if (auto text = node != nullptr ? node->value<std::string>() : std::nullopt) {
    std::istringstream words(*text);
    for (std::string word; words >> word;) out.push_back(word);
    return out;
  }
  if (const toml::array* array = node != nullptr ? node->as_array() : nullptr)
    for (const auto& item : *array)
      if (auto text = item.value<std::string>()) out.push_back(*text);
  return out;
}

std::vector<std::string> listed_dirs(const AnalyzerConfigFile& file) {
  std::vector<std::string> dirs;
  if (file.name.ends_with(".toml")) {
    try {
      check_toml_nesting(file.content, file.name);
      return toml_strings(toml::parse(file.content, file.name).at_path("tool.bandit.exclude_dirs").node());
    } catch (const UsageError&) {
    } catch (const toml::parse_error&) {
    }
    return dirs;
  }
  try {
    YAML::Node root = YAML::Load(file.content);
    if (root.IsMap() && root["exclude_dirs"] && root["exclude_dirs"].IsSequence())
      for (const auto& item : root["exclude_dirs"])
        if (item.IsScalar()) dirs.push_back(item.Scalar());
  } catch (const YAML::Exception&) {
  }
  return dirs;
}

} // namespace

roles::GlobSetting bandit_exclude_dirs(const AnalyzerConfigFile& file) {
  roles::GlobSetting out;
  if (file.content.size() > roles::k_max_settings_bytes) return out;
  for (auto& dir : listed_dirs(file)) {
    while (dir.rfind("./", 0) == 0) dir.erase(0, 2);
    while (!dir.empty() && dir.back() == '/') dir.pop_back();
    if (!dir.empty()) out.globs.push_back(dir);
  }
  if (!out.globs.empty()) out.source = file.name + " exclude_dirs";
  return out;
}

} // namespace codegate
