#include "pipeline/trusted_config.h"

#include <filesystem>

#include "core/error.h"
#include "util/files.h"

namespace codegate {
namespace {

// Pylint's own search order for its configuration at a project root, with the section that makes
// the file a Pylint configuration.
struct RcCandidate {
  const char* path;
  const char* section; // nullptr: the whole file is Pylint's
};
constexpr RcCandidate k_pylint_rc_candidates[] = {
    {"pylintrc", nullptr},     {".pylintrc", nullptr}, {"pyproject.toml", "[tool.pylint"},
    {"setup.cfg", "[pylint."}, {"tox.ini", "[pylint"},
};

std::string base_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

std::optional<ToolConfigFile> read_tool_config(const git::Snapshot& source, const std::string& path,
                                               const std::string& key) {
  auto content = source.read(path);
  if (!content)
    throw UsageError(key + " names '" + path + "', which is not a file in " + source.describe() +
                     "; fix the path or remove the key");
  return ToolConfigFile{base_name(path), *content, source.describe() + ":" + path};
}

} // namespace

TrustedConfig load_trusted_config(const git::Snapshot& source, const std::string& explicit_config) {
  TrustedConfig trusted;
  if (!explicit_config.empty()) {
    std::optional<std::string> text;
    std::string name = explicit_config;
    if (std::filesystem::path(explicit_config).is_absolute()) {
      text = util::read_file(explicit_config);
    } else {
      text = source.read(explicit_config);
      name = source.describe() + ":" + explicit_config;
    }
    if (!text) throw UsageError("configuration file '" + name + "' does not exist; fix --config or leave it out");
    trusted.config = parse_config(*text, explicit_config);
    trusted.config.source = name;
  } else {
    for (const char* candidate : {".codegate.yml", ".codegate.yaml"}) {
      if (auto text = source.read(candidate)) {
        trusted.config = parse_config(*text, candidate);
        trusted.config.source = source.describe() + ":" + candidate;
        break;
      }
    }
  }

  const Config& config = trusted.config;
  if (!config.pylint.rcfile.empty()) {
    trusted.pylint_rc = read_tool_config(source, config.pylint.rcfile, "pylint.rcfile");
  } else {
    for (const auto& candidate : k_pylint_rc_candidates) {
      auto content = source.read(candidate.path);
      if (content && (candidate.section == nullptr || content->find(candidate.section) != std::string::npos)) {
        trusted.pylint_rc = ToolConfigFile{candidate.path, *content, source.describe() + ":" + candidate.path};
        break;
      }
    }
  }
  if (!config.bandit.config.empty())
    trusted.bandit_config = read_tool_config(source, config.bandit.config, "bandit.config");
  return trusted;
}

} // namespace codegate
