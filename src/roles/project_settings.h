#pragma once
// What the project already says about its files, read from the trusted configuration source (the
// base revision in CI, the working tree locally): pytest's discovery settings, GitHub Linguist's
// attributes in .gitattributes, the excludes of pre-commit and Ruff, the rules Ruff ignores, the
// paths its commands give a type checker only, and the excludes of the analyzers' own configuration
// files (which the analyzers read:
// Analyzer::excluded_paths). Each setting keeps the file it came from, so a note can name it.

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "git/snapshot.h"
#include "roles/ruff_ignores.h"
#include "roles/type_checked_paths.h"

namespace codegate::roles {

// Globs with the file that holds them (".pre-commit-config.yaml exclude").
struct GlobSetting {
  std::vector<std::string> globs;
  std::string source;
};

// What pytest collects, from its configuration file (roles/pytest_collection.h decides with it).
// Paths are relative to the repository root, which is pytest's rootdir and invocation directory:
// codegate reads configuration files at the root only, and CI runs pytest there.
struct PytestSettings {
  std::string source; // "pyproject.toml"; empty: no configuration file, pytest's defaults
  // Where collection starts: `testpaths` (directories, files or glob patterns), replaced by the
  // positional paths of `addopts` when it has any; both empty: the root.
  std::vector<std::string> testpaths;
  std::vector<std::string> args;
  // Test module names (fnmatch on the file name, or on the path when the pattern has a '/').
  std::vector<std::string> python_files = {"test_*.py", "*_test.py"};
  // Directories collection does not enter below where it starts (fnmatch on the name).
  std::vector<std::string> norecursedirs = {"*.egg", ".*",           "_darcs", "build", "CVS",
                                            "dist",  "node_modules", "venv",   "{arch}"};
  // From addopts: --ignore (paths), --ignore-glob (fnmatch on the path), --deselect (node id prefixes).
  std::vector<std::string> ignore;
  std::vector<std::string> ignore_glob;
  std::vector<std::string> deselect;
};

struct ProjectSettings {
  PytestSettings pytest;

  // .gitattributes: linguist-generated / linguist-vendored, in file order (the last match wins).
  struct Attribute {
    std::string pattern;
    bool generated = false; // else vendored
    bool set = true;        // false: -linguist-... or =false
  };
  std::vector<Attribute> linguist;

  // .pre-commit-config.yaml's top-level `exclude:` (a Python regular expression, re.search).
  std::optional<std::regex> pre_commit_exclude;
  // Ruff's exclude and extend-exclude (pyproject.toml [tool.ruff], ruff.toml, .ruff.toml).
  GlobSetting ruff_exclude;
  // The rules Ruff's configuration there ignores, everywhere or per file (roles/ruff_ignores.h).
  RuffIgnores ruff_ignores;
  // What analyzers' own configuration files keep away from them (Bandit's exclude_dirs), as
  // Analyzer::excluded_paths reads them; the caller adds them.
  std::vector<GlobSetting> tool_excludes;
  // The paths the project's commands give a type checker only (roles/type_checked_paths.h).
  std::vector<TypeCheckedPath> type_checked;

  std::vector<std::string> notes; // settings that could not be read, and why
};

// Reads the settings from `source`. A setting that cannot be read is a note, never an error:
// roles only decide what is advisory or skipped, and an unreadable one leaves files product code.
ProjectSettings read_project_settings(const git::Snapshot& source);

} // namespace codegate::roles
