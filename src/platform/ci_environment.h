#pragma once
// Which CI system, if any, the gate runs under, read from the environment it sets.

namespace codegate {

// True under GitHub Actions, GitLab CI, or any CI that sets CI=true (most do).
bool running_in_ci();

} // namespace codegate
