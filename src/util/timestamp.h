#pragma once
// Wall-clock timestamps for logs and records.

#include <string>

namespace codegate::util {

// The current time as ISO 8601 UTC ("2026-11-21T12:00:00Z").
std::string utc_now();

} // namespace codegate::util
