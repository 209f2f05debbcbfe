#pragma once
// How an analyzer program is run: in batches of files that each fit one command line, within the
// configured time limit for all batches together, with a progress line while it runs and, with
// -v, every command line and its wall time.

#include <string>
#include <string_view>
#include <vector>

#include "util/process_runner.h"

namespace codegate {

struct ToolCommand {
  std::string name;                 // "pylint": the program, and its name in messages
  std::string install_hint;         // "install it with: apt-get install pylint"
  std::vector<std::string> options; // the arguments before "--"
  std::vector<std::string> files;   // repository-relative; each passed as ./path after "--"
  std::string cwd;
  double timeout_seconds = 600;
  std::string timeout_key; // "pylint.timeout", named when the limit is hit
};

// The result of every batch, in order. Throws ToolError when the program is missing or did not
// finish within the limit (its process group is stopped first).
std::vector<util::ProcessResult> run_tool(const ToolCommand& command,
                                          util::ProcessRunner& runner = util::system_process_runner());

// The version a tool prints first ("pylint 2.16.2" -> "2.16.2"); empty when it says none. Only for
// the report, but under the tool's time limit too: a hanging tool must not hang the run.
std::string tool_version(const std::string& name, double timeout_seconds,
                         util::ProcessRunner& runner = util::system_process_runner());
// The same from the text `--version` printed.
std::string version_in(std::string_view version_output);

// The bytes of argv a batch may use: the kernel's limit (util::argument_space), or less when the
// environment variable CODEGATE_TEST_ARGUMENT_BYTES says so (the tests' way to get batches
// without thousands of files; it can only lower the limit).
std::size_t tool_argument_space();

} // namespace codegate
