#pragma once
// Exit codes are part of the CLI contract (README, DESIGN.md).

namespace codegate {

enum class ExitCode : int {
  pass = 0,         // the gate passed
  failed = 1,       // the gate failed on findings
  usage = 2,        // usage or configuration error
  tool_failure = 3, // a tool, git, or service failed
};

} // namespace codegate
