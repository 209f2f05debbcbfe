#pragma once
// Stage 7b: hands the result to the CI system it runs under (GitHub annotations, job summary,
// outputs and pull-request comments; GitLab notes, discussions and reports). Nothing outside CI
// except the GitLab report files, which are written whenever they are asked for.

#include "config/config.h"
#include "core/change_set.h"
#include "core/check_result.h"
#include "pipeline/check_options.h"

namespace codegate {

// Throws ToolError when a requested report file cannot be written. A comment the API refuses is
// a warning (and an annotation on GitHub), never a failed gate: the verdict is already made and
// the annotations, summary and SARIF report still carry it. `limits` bound the API's answers.
void publish(const CheckResult& result, const ChangeSet& changes, const CheckOptions& options,
             const HttpConfig& limits);

} // namespace codegate
