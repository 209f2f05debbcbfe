#pragma once
// What each changed file is: product code (the default), test code, code only a type checker
// reads, generated or vendored code, or a file the project excludes from its linters; and the
// rule that said so, for the notes ("tests/data/x.py: excluded by .pre-commit-config.yaml exclude").
//
// In this order, the first that applies:
// 1. .codegate.yml `roles:` globs (product first, so that `product:` overrides anything below);
// 2. .gitattributes linguist-vendored, then linguist-generated;
// 3. the excludes of .pre-commit-config.yaml, Ruff ([tool.ruff] exclude, extend-exclude) and
//    Bandit (exclude_dirs): the project keeps these files away from its linters;
// 4. a generated marker in the first five lines (a conventional form: `@generated`, Go's
//    `Code generated ... DO NOT EDIT.`, a generator's header; not any sentence with the words), but
//    only when the base version of the file carried one too: a change cannot declare its own new
//    code generated;
// 5. test code: conftest.py, a file pytest collects as a test module (roles/pytest_collection.h),
//    and the rest of a tests/, test/ or testing/ directory that pytest's collection reaches;
// 6. typing: code the project's commands give a type checker only (roles/type_checked_paths.h).
// A file of roles 2-6 that product code reaches is product code all the same: pipeline/roles_step.
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

// A generated marker in the first five lines: `@generated` as a token (Phabricator's and Buck's
// convention), or a comment line that is Go's `Code generated ... DO NOT EDIT.` or the header of
// the protobuf or gRPC compiler, Thrift, ANTLR, pyuic, SWIG or setuptools-scm.
bool has_generated_marker(const std::string& content);

} // namespace codegate::roles
