#pragma once
// Which CI system, if any, the gate runs under, read from the environment it sets.

#include <string>

#include "util/environment.h"

namespace codegate::ci {

// The CI code reads the environment only through util::EnvLookup (util/environment.h), and only
// while the CiContext is built (ci/ci_context.h).
using util::EnvLookup;
using util::map_environment;

// The CI system whose conventions apply: GitHub Actions (GITHUB_ACTIONS=true), GitLab CI
// (GITLAB_CI=true), Bitbucket Pipelines (BITBUCKET_BUILD_NUMBER set), Azure Pipelines
// (TF_BUILD=True), another CI (CI=true), or none.
enum class CiPlatform { none, github, gitlab, bitbucket, azure, other };
CiPlatform detect_ci(const EnvLookup& env);

// A variable's value, or `fallback` when it is unset or empty (CI systems often export empty ones).
std::string env_or(const EnvLookup& env, const std::string& name, const std::string& fallback = "");

} // namespace codegate::ci
