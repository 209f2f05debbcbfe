#pragma once
// Fingerprints that survive line shifts: a finding keeps its fingerprint when code above it moves.

#include <vector>

#include "core/finding.h"

namespace codegate {

// Sets Finding::fingerprint from tool, rule, path, the whitespace-normalised snippet and the
// finding's occurrence index among identical (tool, rule, path, snippet) findings in the file.
void assign_fingerprints(std::vector<Finding>& findings);

} // namespace codegate
