#pragma once
// Where the file roles (roles/) meet the run: which changed files are analysed at all, which of
// them are test code (a test-role file that product code imports is product code: moving code
// under tests/ is no way around the gate), and what test code is held to (config `test_code`):
// its findings stay in every report with their role, some advisory, some left out and counted.

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/change_set.h"
#include "core/finding.h"
#include "git/snapshot.h"
#include "pipeline/trusted_config.h"
#include "roles/file_roles.h"
#include "roles/project_settings.h"

namespace codegate {

struct RoleAssignment {
  std::map<std::string, roles::RoleDecision> test_files;   // analysed as test code, with why
  std::map<std::string, roles::RoleDecision> typing_files; // analysed as code only a type checker reads
  // Edits of files that were generated, vendored or excluded at the base and that product code
  // reaches (a vendor update, a regenerated module): it ships, so Bandit's findings count as product
  // code's; Pylint's errors are advisory there, its warnings and missing docstrings left out and
  // counted (docs/roles.md). With the role each would have had.
  std::map<std::string, std::string> upstream_edits;
  roles::RuffIgnores ruff_ignores; // the rules the project's Ruff configuration ignores, and where
  std::vector<std::string> notes;
};

// What the project says about its files in `source` (roles/project_settings.h), with the paths
// each analyzer's own configuration file keeps away from it (Analyzer::excluded_paths).
roles::ProjectSettings project_settings(const git::Snapshot& source, const TrustedConfig& trusted);

// Keeps the product and test files of `files`; generated, vendored and excluded ones go to
// `skipped`, each with the rule that placed it. `analysed` holds the head's bytes, `base` the
// base revision (nullptr: none). The import guard: a test, generated, vendored or excluded file
// that a product file of the head reaches (any import statement, a literal importlib/__import__/
// runpy name or path; through files of any role, however deep) is kept as product code, with a
// note naming the path. `repository_files` are every file of the head: its Python modules and
// scripts (a Python #! line) are the importers.
std::vector<std::string> assign_roles(const std::vector<std::string>& files, const git::Snapshot& analysed,
                                      const git::Snapshot* base, const roles::FileRoles& roles,
                                      const std::vector<std::string>& repository_files,
                                      std::vector<SkippedFile>& skipped, RoleAssignment& out);

// What the project says about the analysed findings, before the filter and the gate: the rules its
// Ruff configuration ignores there left out and counted (pipeline/ruff_ignores.h); test code's
// policy: `role` set, the `skip` rules removed (counted in a note), the `advisory` ones made
// advisory, missing docstrings dropped unless required; in code only a type checker reads, `role`
// set and what does not matter there removed, counted in a note (k_typing_skip: Pylint's statement
// warnings, inference errors, conventions); and in upstream edits (RoleAssignment::upstream_edits),
// Pylint's errors made advisory, its warnings and missing docstrings left out and counted.
void apply_test_policy(std::vector<Finding>& findings, std::vector<std::string>& missing_docstrings,
                       const RoleAssignment& assignment, const TestCodeConfig& policy, std::vector<std::string>& notes);

} // namespace codegate
