#pragma once
// The diff filter as reviewdog defines it: it annotates every finding with where it stands in the
// change and whether the mode reports it; it never drops one.

#include <set>
#include <string>
#include <vector>

#include "core/change_set.h"
#include "core/check_result.h"

namespace codegate {

// added: a line of the finding's region (line..end_line) was added; diff_context: a line of it
// lies in a diff hunk; file: the file changed; nofilter: everything.
void annotate(std::vector<Finding>& findings, const ChangeSet& changes, FilterMode mode);

// Marks findings whose fingerprint is in `baseline_fingerprints` (they existed at the base) and
// stops reporting them.
void apply_baseline(std::vector<Finding>& findings, const std::set<std::string>& baseline_fingerprints);

} // namespace codegate
