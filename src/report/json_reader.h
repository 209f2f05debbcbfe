#pragma once
// The JSON report read back into the CheckResult it was rendered from (report/json.cpp), so
// `codegate merge` can combine the shards of a CI matrix and render every report again. What a
// reporter reads survives the round trip; accepted refine revisions do not (a shard never refines).

#include <string_view>

#include "core/check_result.h"
#include "util/result.h"

namespace codegate {

// A failure says what is wrong ("findings[3].line: not an integer").
util::Result<CheckResult> parse_json_report(std::string_view text);

} // namespace codegate
