#pragma once
// The report files GitLab reads from a job's artifacts: Code Quality (CodeClimate JSON, shown in
// the merge request's widget and diff) and SAST (gl-sast-report.json, the security widget).

#include <string>
#include <string_view>

#include "core/check_result.h"

namespace codegate::platform {

// Every reported finding as a CodeClimate issue: description, check_name, fingerprint (unique in
// the report and stable across pushes, so GitLab can tell new from fixed), severity, location.
std::string render_code_quality(const CheckResult& result);

// The security findings (Bandit's, and any other with a CWE) as a SAST report following GitLab's
// security report schema 15.0.x. `time` is the scan time as "YYYY-MM-DDTHH:MM:SS" (UTC).
std::string render_gitlab_sast(const CheckResult& result, std::string_view time);

// The current UTC time in the SAST report's format.
std::string sast_time_now();

// The schema version render_gitlab_sast declares.
inline constexpr std::string_view k_sast_schema_version = "15.0.7";

} // namespace codegate::platform
