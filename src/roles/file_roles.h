#pragma once
// What each changed file is: product code (the default), test code, generated or vendored code,
// or a file the project excludes from its linters; and the rule that said so, for the notes
// ("tests/data/x.py: excluded by .pre-commit-config.yaml exclude").
//
// In this order, the first that applies:
// 1. .codegate.yml `roles:` globs (product first, so that `product:` overrides anything below);
// 2. .gitattributes linguist-vendored, then linguist-generated;
// 3. the excludes of .pre-commit-config.yaml, Ruff ([tool.ruff] exclude, extend-exclude) and
//    Bandit (exclude_dirs): the project keeps these files away from its linters;
// 4. a marker in the first lines (`@generated`, `DO NOT EDIT`), but only when the base version
//    of the file carried it too: a change cannot declare its own new code generated;
// 5. test code: under one of pytest's testpaths, a file name pytest collects (python_files,
//    default test_*.py and *_test.py), conftest.py, or a tests/, test/ or testing/ directory.
// Everything is read from the trusted configuration source, never from the change.

#include <optional>
#include <string>

#include "config/config.h"
#include "core/policies.h"
#include "roles/project_settings.h"

namespace codegate::roles {

struct RoleDecision {
  FileRole role = FileRole::product;
  std::string why; // "the common layout (a tests/ directory)", ".gitattributes linguist-generated"
};

class FileRoles {
public:
  FileRoles(const RolesConfig& config, ProjectSettings settings);

  // `base_content`: the file at the base revision, nullopt when the change adds it.
  RoleDecision classify(const std::string& path, const std::string& content,
                        const std::optional<std::string>& base_content) const;

  const ProjectSettings& settings() const { return settings_; }

private:
  const RolesConfig& config_;
  ProjectSettings settings_;
};

// `@generated` or `DO NOT EDIT` in the first five lines.
bool has_generated_marker(const std::string& content);

} // namespace codegate::roles
