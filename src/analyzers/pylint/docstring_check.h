#pragma once
// Whether Pylint, as the gate starts it, checks that public functions and methods have a
// docstring (missing-function-docstring, C0116): it does unless its configuration file, the
// configuration's pylint.disable (where settle_config turns the conventions off: C) or a
// --disable in pylint.args turn the message off (by its id or name, the old missing-docstring
// C0111, its category, or all) and no enable of the message itself turns it back on.

#include <optional>

#include "analyzers/analyzer.h"
#include "config/config.h"

namespace codegate {

// `config` is settled; `file` is Pylint's configuration file from the trusted source (pylintrc,
// .pylintrc, the [pylint...] sections of setup.cfg and tox.ini, pyproject.toml's [tool.pylint]).
bool checks_function_docstrings(const PylintConfig& config, const std::optional<AnalyzerConfigFile>& file);

} // namespace codegate
