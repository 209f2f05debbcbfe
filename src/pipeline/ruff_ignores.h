#pragma once
// The project's Ruff ignores (roles/ruff_ignores.h, read from the trusted source) applied to the
// findings of the tools Ruff mirrors: a Bandit finding whose S rule `lint.ignore` or a matching
// `per-file-ignores` names (S603 for scripts/**, S101 for tests/**), or a Pyflakes finding (or a
// Pylint one that mirrors a Pyflakes rule) whose F rule it names, is the maintainers' decision
// about those files. It is left out as a Bandit skip
// would be, and counted in a note that names the configuration: never silently.

#include <string>
#include <vector>

#include "core/finding.h"
#include "roles/ruff_ignores.h"

namespace codegate {

// Removes the findings `ignores` covers (Analyzer::ruff_rule gives a finding's Ruff rule) and adds
// one note counting them by rule, naming the file and the settings; nothing when none is covered.
void apply_ruff_ignores(std::vector<Finding>& findings, const roles::RuffIgnores& ignores,
                        std::vector<std::string>& notes);

} // namespace codegate
