#pragma once
// The diff filter as reviewdog defines it: it annotates every finding with where it stands in the
// change and whether the mode reports it; it never drops one.

#include <string>
#include <vector>

#include "core/change_set.h"
#include "core/check_result.h"

namespace codegate {

// added: a line of the finding's region (line..end_line) was added; diff_context: a line of it
// lies in a diff hunk; file: the file changed; nofilter: everything.
void annotate(std::vector<Finding>& findings, const ChangeSet& changes, FilterMode mode);

} // namespace codegate
