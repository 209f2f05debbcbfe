#pragma once
// --base and --head filled in from what the CI says the change is (ci/ci_revisions.h).

#include "ci/ci_revisions.h"
#include "git/repository.h"
#include "pipeline/check_options.h"

namespace codegate {

// `options` with --base and --head filled in from `ci` where the user left them empty (never for
// --staged). A head commit missing from the clone is dropped with a warning (HEAD is checked
// instead), and so is a pushed-over `before`; a missing pull-request base stays, so that the
// check fails saying which history to fetch.
CheckOptions with_ci_revisions(CheckOptions options, const git::Repository& repo, const ci::CiRevisions& ci);

} // namespace codegate
