#include "pipeline/trusted_config.h"

#include <algorithm>
#include <filesystem>

#include "config/pyproject.h"
#include "core/error.h"
#include "registry/registry.h"
#include "roles/docstring_requirement.h"
#include "util/files.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate {
namespace {

bool is_toml(const std::string& path) { return std::filesystem::path(path).extension() == ".toml"; }

// Every entry under `analyzers:` names an opt-in analyzer: a misspelt one must not leave an
// analyzer the user asked for silently off.
void check_opt_in_names(const Config& config) {
  std::vector<std::string> errors;
  for (const auto& [name, settings] : config.analyzers) {
    const Analyzer* analyzer = analyzer_named(name);
    if (analyzer != nullptr && analyzer->opt_in()) continue;
    std::vector<std::string> known;
    for (const Analyzer* a : analyzers())
      if (a->opt_in()) known.emplace_back(a->name());
    errors.push_back(settings.where + ": 'analyzers' has no analyzer called '" + name +
                     "' (opt-in analyzers: " + util::join(known, ", ") + ")");
  }
  if (!errors.empty()) throw UsageError(util::join(errors, "\n"));
}

// A changed function without a docstring is a finding where docstrings are asked for: by
// intent.require_docstrings, or by the project's other tools (roles/docstring_requirement.h,
// Analyzer::asks_for_docstrings); elsewhere it is listed and counted (CheckResult::docstrings_required).
void settle_docstring_findings(const git::Snapshot& source, TrustedConfig& trusted) {
  std::optional<bool>& findings = trusted.config.intent.docstring_findings;
  if (findings) return;
  std::optional<std::string> asked = roles::docstring_requirement(source);
  for (const Analyzer* analyzer : analyzers()) {
    if (asked) break;
    asked = analyzer->asks_for_docstrings(trusted.config, trusted.tool_file(*analyzer));
  }
  findings = asked.has_value();
  util::debug(asked ? "intent: a missing docstring is a finding: " + *asked + " asks for docstrings"
                    : "intent: missing docstrings are listed, not findings: the project asks no tool for docstrings "
                      "(intent.require_docstrings: public makes them findings)");
}

} // namespace

TrustedConfig load_trusted_config(const git::Snapshot& source, const std::string& explicit_config) {
  TrustedConfig trusted;
  if (!explicit_config.empty()) {
    std::optional<std::string> text;
    std::string name = explicit_config;
    if (std::filesystem::path(explicit_config).is_absolute()) {
      if (auto bytes = util::read_file(explicit_config)) text = std::move(*bytes);
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

  check_opt_in_names(trusted.config);
  // Each analyzer's own configuration file, and what the configuration leaves to the project.
  for (const Analyzer* analyzer : analyzers()) {
    std::optional<AnalyzerConfigFile> found = analyzer->find_config_file(source, trusted.config);
    analyzer->settle_config(trusted.config, found);
    if (found) trusted.tool_files.emplace(std::string(analyzer->name()), std::move(*found));
  }
  settle_docstring_findings(source, trusted);
  return trusted;
}

std::optional<AnalyzerConfigFile> TrustedConfig::tool_file(const Analyzer& analyzer) const {
  auto it = tool_files.find(analyzer.name());
  if (it == tool_files.end()) return std::nullopt;
  return it->second;
}

} // namespace codegate
