#pragma once
// The seam between code that starts programs and the operating system (ninja's CommandRunner):
// the system runner spawns real processes (util/subprocess.h); unit tests put a scripted runner
// in its place, so tool batching, time limits and failures are tested without the tools.

#include <optional>
#include <string>
#include <vector>

#include "util/subprocess.h"

namespace codegate::util {

class ProcessRunner {
public:
  virtual ~ProcessRunner() = default;
  // As run_process: nullopt when the program could not be started.
  virtual std::optional<ProcessResult> run(const std::vector<std::string>& argv, const ProcessOptions& options) = 0;
  // As find_program: the absolute path `name` runs from, empty when it is not on PATH. The
  // result cache hashes the program's bytes into its keys.
  virtual std::string find_program(const std::string& name);
};

// The runner that starts real processes (run_process); one for the whole program.
ProcessRunner& system_process_runner();

} // namespace codegate::util
