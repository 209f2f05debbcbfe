#pragma once
// Whether the project asks its other tools for docstrings on functions, read from the trusted
// configuration source (the base revision in CI, the working tree locally). Where it does, a
// changed function without one is a codegate/missing-docstring finding; elsewhere the intent
// check only lists it (intent.docstring_findings, settled by pipeline/trusted_config).
//
// Asking is any of:
// - Ruff selecting a rule that covers public functions or methods (D102 or D103: `ALL`, `D`,
//   `D1`, `D10`, the codes themselves) in `lint.select`/`lint.extend-select` (or the legacy
//   top-level `select`/`extend-select`), not ignored by a selector at least as specific in
//   `lint.ignore`/`lint.extend-ignore` (ruff.toml, .ruff.toml, else pyproject.toml [tool.ruff]);
// - pydocstyle configured ([tool.pydocstyle], .pydocstyle, .pydocstylerc and their .ini forms,
//   [pydocstyle] in setup.cfg or tox.ini) without ignoring D102 and D103, or run by a pre-commit
//   hook;
// - interrogate configured ([tool.interrogate], [tool:interrogate] in setup.cfg) or run by a
//   pre-commit hook.
// Pylint's missing-function-docstring is the Pylint analyzer's to say (Analyzer::asks_for_docstrings).

#include <optional>
#include <string>

#include "git/snapshot.h"

namespace codegate::roles {

// Where the project asks for docstrings ("pyproject.toml [tool.ruff] (Ruff's D102/D103)"); nullopt:
// nowhere.
// A file that cannot be read asks for nothing.
std::optional<std::string> docstring_requirement(const git::Snapshot& source);

} // namespace codegate::roles
