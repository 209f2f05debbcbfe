#pragma once
// The diff filter as reviewdog defines it: it annotates every finding with where it stands in the
// change and whether the mode reports it; it never drops one.

#include <string>
#include <vector>

#include "core/change_set.h"
#include "core/check_result.h"
#include "core/policies.h"

namespace codegate {

// added: a line of the finding's region (line..end_line) was added; diff_context: a line of it
// lies in a diff hunk; file: the file changed; nofilter: everything.
//
// A suppressed finding is attributed to the base or to the change by the line of its comment.
// It is reported only when the change added the comment and the policy is not `honour`, so a
// reviewer sees every suppression the change brings; the gate decides whether it still fails.
void annotate(std::vector<Finding>& findings, const ChangeSet& changes, FilterMode mode,
              SuppressionPolicy suppressions = SuppressionPolicy::report);

} // namespace codegate
