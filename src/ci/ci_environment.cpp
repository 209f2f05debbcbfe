#include "ci/ci_environment.h"

namespace codegate::ci {
namespace {

bool is_true(const std::optional<std::string>& value) {
  return value && (*value == "true" || *value == "True" || *value == "1" || *value == "yes");
}

} // namespace

CiPlatform detect_ci(const EnvLookup& env) {
  if (is_true(env("GITHUB_ACTIONS"))) return CiPlatform::github;
  if (is_true(env("GITLAB_CI"))) return CiPlatform::gitlab;
  if (!env_or(env, "BITBUCKET_BUILD_NUMBER").empty()) return CiPlatform::bitbucket;
  if (is_true(env("TF_BUILD"))) return CiPlatform::azure;
  if (is_true(env("CI"))) return CiPlatform::other;
  return CiPlatform::none;
}

std::string env_or(const EnvLookup& env, const std::string& name, const std::string& fallback) {
  auto value = env(name);
  return value && !value->empty() ? *value : fallback;
}

} // namespace codegate::ci
