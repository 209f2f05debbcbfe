#pragma once
// Stage 7b: hands the result to the CI system it runs under (GitHub annotations, job summary,
// outputs and pull-request comments; GitLab notes, discussions and reports). Nothing outside CI.

#include "core/change_set.h"
#include "core/check_result.h"
#include "pipeline/check_options.h"

namespace codegate {

void publish(const CheckResult& result, const ChangeSet& changes, const CheckOptions& options);

} // namespace codegate
