#pragma once
// Part of the intent check (intent_check.cpp): the findings it makes, a mismatch between a unit
// and its docstring (intent-mismatch) and a changed unit without one (missing-docstring).

#include <string>
#include <vector>

#include "core/finding.h"
#include "core/policies.h"
#include "intent/check_candidate.h"

namespace codegate::intent {

// One issue the model found in `c`; without a line (0) the finding is about the whole unit.
Finding mismatch_finding(const Candidate& c, const VerdictIssue& issue, const std::vector<std::string>& lines,
                         double confidence);

// `unit` of `index` changed and has no docstring that `policy` requires.
Finding missing_docstring_finding(const python::SourceIndex& index, const python::SourceUnit& unit,
                                  const std::vector<std::string>& lines, DocstringPolicy policy);

} // namespace codegate::intent
