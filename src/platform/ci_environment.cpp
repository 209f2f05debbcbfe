#include "platform/ci_environment.h"

#include <cstdlib>
#include <string_view>

namespace codegate {
namespace {

bool env_is_true(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return false;
  std::string_view v(value);
  return v == "true" || v == "1" || v == "yes";
}

} // namespace

bool running_in_ci() { return env_is_true("CI") || env_is_true("GITHUB_ACTIONS") || env_is_true("GITLAB_CI"); }

} // namespace codegate
