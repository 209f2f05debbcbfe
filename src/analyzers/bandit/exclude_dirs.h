#pragma once
// Bandit's exclude_dirs: the directories a project keeps away from its security linter, read from
// Bandit's configuration file (YAML, or pyproject.toml's [tool.bandit]). roles/ makes the changed
// files under them `excluded` (Analyzer::excluded_paths), so the run says so instead of Bandit
// leaving them out unannounced.

#include "analyzers/analyzer.h"
#include "roles/project_settings.h"

namespace codegate {

// The directories, "./" and trailing "/" taken off, with "<file> exclude_dirs" as their source;
// none when the file cannot be read (Bandit itself says what is wrong with it).
roles::GlobSetting bandit_exclude_dirs(const AnalyzerConfigFile& file);

} // namespace codegate
