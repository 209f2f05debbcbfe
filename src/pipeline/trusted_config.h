#pragma once
// Reads .codegate.yml and the analyzers' own configuration from a trusted place: in CI the base
// revision (a pull request cannot make the gate load a Pylint plugin or run an init-hook), locally
// the working tree.

#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "git/snapshot.h"

namespace codegate {

struct ToolConfigFile {
  std::string name; // file name to write it under ("pylintrc", "pyproject.toml")
  std::string content;
  std::string origin; // "commit 1a2b3c4:.pylintrc", for messages
};

struct TrustedConfig {
  Config config;
  std::optional<ToolConfigFile> pylint_rc;
  std::optional<ToolConfigFile> bandit_config;
  std::vector<std::string> notes; // for every report ("pyproject.toml's [tool.codegate] was ignored: ...")
};

// `explicit_config`: the --config path (empty: .codegate.yml / .codegate.yaml in `source`).
// A relative --config is read from `source`; an absolute one from disk. Throws UsageError for a
// missing explicit file or an invalid one.
TrustedConfig load_trusted_config(const git::Snapshot& source, const std::string& explicit_config);

} // namespace codegate
