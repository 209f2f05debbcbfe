#pragma once
// The two error kinds that cross stage boundaries; main() catches them once and maps them to
// the exit code. Leaf code returns values; anything a user must act on is thrown as one of these.

#include <stdexcept>
#include <string>

#include "core/exit_code.h"
#include "util/result.h"

namespace codegate {

// Bad invocation, bad configuration, bad revision names: the user must change what they pass.
class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// A tool, git, or a service failed: never a pass.
class ToolError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// A leaf's failure where the stage cannot go on: a ToolError saying `what` and why
// ("cannot write the report: cannot write out.sarif: Permission denied").
inline void require(const util::Result<void>& result, const std::string& what) {
  if (!result) throw ToolError(what + ": " + result.error());
}

} // namespace codegate
