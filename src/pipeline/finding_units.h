#pragma once
// The unit of a local tool's finding: Pylint, Bandit and Pyflakes name a line, not the function or
// class around it, which the baseline's keys (filter/baseline.h) and the reports need.

#include <map>
#include <string>
#include <vector>

#include "core/finding.h"

namespace codegate {

// Fills Finding::unit of the findings of the analyzers in the baseline (Analyzer::in_baseline)
// with the qualified name of the innermost function or class around their line in `sources`;
// empty at module level. The other analyzers' findings keep theirs.
void attach_units(std::vector<Finding>& findings, const std::map<std::string, std::string>& sources);

} // namespace codegate
