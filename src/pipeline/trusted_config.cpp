#include "pipeline/trusted_config.h"

#include <algorithm>
#include <filesystem>

#include "config/pyproject.h"
#include "core/error.h"
#include "util/files.h"
#include "util/log.h"

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

bool is_toml(const std::string& path) { return std::filesystem::path(path).extension() == ".toml"; }

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
    if (is_toml(explicit_config)) {
      auto config = parse_pyproject_config(*text, explicit_config);
      if (!config) throw UsageError("'" + name + "' has no [tool.codegate] table; add one or fix --config");
      trusted.config = std::move(*config);
    } else {
      trusted.config = parse_config(*text, explicit_config);
    }
    trusted.config.source = name;
  } else {
    const char* found = nullptr;
    for (const char* candidate : {".codegate.yml", ".codegate.yaml"}) {
      if (auto text = source.read(candidate)) {
        trusted.config = parse_config(*text, candidate);
        trusted.config.source = source.describe() + ":" + candidate;
        found = candidate;
        break;
      }
    }
    // pyproject.toml's [tool.codegate], from the same trusted snapshot. It is not parsed when a
    // .codegate.yml exists: the file belongs to other tools too and must not fail a run it does
    // not configure.
    auto pyproject = source.read("pyproject.toml");
    if (pyproject && mentions_codegate_table(*pyproject)) {
      if (found != nullptr) {
        if (pyproject->find("tool.codegate") != std::string::npos)
          trusted.notes.push_back("pyproject.toml's [tool.codegate] was ignored: " + std::string(found) +
                                  " takes precedence");
      } else if (auto config = parse_pyproject_config(*pyproject, "pyproject.toml")) {
        trusted.config = std::move(*config);
        trusted.config.source = source.describe() + ":pyproject.toml";
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
  // Auto: on with a Pylint configuration of the project's own, or when pylint.fail_on asks for them.
  const auto& fail_on = config.pylint.fail_on;
  bool asked_for = std::any_of(fail_on.begin(), fail_on.end(),
                               [](const std::string& type) { return type == "convention" || type == "refactor"; });
  if (!config.pylint.conventions.value_or(trusted.pylint_rc.has_value() || asked_for)) {
    trusted.config.pylint.disable.insert(trusted.config.pylint.disable.end(), {"C", "R"});
    util::debug("pylint: conventions and refactoring advice (C, R) not run: the project has no Pylint "
                "configuration of its own (pylint.conventions: true runs them)");
  }
  if (!config.bandit.config.empty()) {
    trusted.bandit_config = read_tool_config(source, config.bandit.config, "bandit.config");
  } else if (auto pyproject = source.read("pyproject.toml");
             pyproject && pyproject->find("[tool.bandit") != std::string::npos) {
    // Bandit >= 1.7 reads [tool.bandit] from a .toml file given with -c; run_bandit leaves it out
    // for an older Bandit, which would parse it as YAML.
    trusted.bandit_config = ToolConfigFile{"pyproject.toml", *pyproject, source.describe() + ":pyproject.toml"};
  }
  return trusted;
}

} // namespace codegate
