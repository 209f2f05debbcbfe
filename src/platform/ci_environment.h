#pragma once
// Which CI system, if any, the gate runs under, read from the environment it sets.

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace codegate {

// True under GitHub Actions, GitLab CI, or any CI that sets CI=true (most do).
bool running_in_ci();

namespace platform {

// Reads one environment variable (nullopt when unset). The platform code reads the environment
// only through this, so tests hand it a map instead of changing the process's environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment.
EnvLookup process_environment();
// A fixed set of variables (tests).
EnvLookup map_environment(std::map<std::string, std::string> variables);

// The CI system whose conventions apply: GitHub Actions (GITHUB_ACTIONS=true), GitLab CI
// (GITLAB_CI=true), another CI (CI=true), or none.
enum class CiPlatform { none, github, gitlab, other };
CiPlatform detect_ci(const EnvLookup& env);

// A variable's value, or `fallback` when it is unset or empty (CI systems often export empty ones).
std::string env_or(const EnvLookup& env, const std::string& name, const std::string& fallback = "");

} // namespace platform
} // namespace codegate
