#pragma once
// Pylint's argument errors on a call whose callee has more than one definition. A module that
// defines a name under a version check or an import fallback (uvicorn's `_compat.asyncio_run` is
// `asyncio.run` from Python 3.12, a function of its own with `loop_factory` before) gives Pylint
// several definitions to infer; it judges the call against one of them (pylint-dev/pylint#3603,
// #5409, #9785) and reports E1123 unexpected-keyword-arg for an argument the others take
// (uvicorn #2435). Such a finding stays, as an advisory note naming the module, and cannot fail the
// gate. A callee defined once keeps failing: a keyword a function does not take is what written
// code gets wrong.
//
// The callee is a plain name at the call (`asyncio_run(...)`) that its own module defines more
// than once with one definition under an if, try or match, or that it imports (`from M import
// name`) from a repository module that does (every file the import may be: cache/import_graph.h).
// A dotted callee (`compat.run(...)`) is left as it is.

#include <vector>

#include "analyzers/analyzer.h"
#include "core/finding.h"

namespace codegate {

// Sets Finding::advisory (and the note level) on those findings, asking `tree.definitions` for
// the files of the candidates and the modules they import the callee from.
void mark_alternative_callees(std::vector<Finding>& findings, const AnalyzedTree& tree);

} // namespace codegate
