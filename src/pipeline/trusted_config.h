#pragma once
// Reads .codegate.yml and the analyzers' own configuration from a trusted place: in CI the base
// revision (a pull request cannot make the gate load a Pylint plugin or run an init-hook), locally
// the working tree.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "config/config.h"
#include "git/snapshot.h"

namespace codegate {

struct TrustedConfig {
  Config config;
  // Each analyzer's configuration file of its own, by Analyzer::name(), as it found it in the
  // trusted source (Analyzer::find_config_file).
  std::map<std::string, AnalyzerConfigFile, std::less<>> tool_files;
  std::vector<std::string> notes; // for every report ("pyproject.toml's [tool.codegate] was ignored: ...")

  // The configuration file `analyzer` found; nullopt: none.
  std::optional<AnalyzerConfigFile> tool_file(const Analyzer& analyzer) const;
};

// `explicit_config`: the --config path (empty: .codegate.yml / .codegate.yaml in `source`).
// A relative --config is read from `source`; an absolute one from disk. Throws UsageError for a
// missing explicit file or an invalid one.
TrustedConfig load_trusted_config(const git::Snapshot& source, const std::string& explicit_config);

} // namespace codegate
