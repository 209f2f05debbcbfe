#pragma once
// Reading environment variables through a seam, so tests hand code a map instead of changing the
// process's environment.

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace codegate::util {

// Reads one environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment.
EnvLookup process_environment();
// A fixed set of variables (tests).
EnvLookup map_environment(std::map<std::string, std::string> variables);

} // namespace codegate::util
