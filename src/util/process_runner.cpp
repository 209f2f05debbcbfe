#include "util/process_runner.h"

namespace codegate::util {
namespace {

class SystemProcessRunner : public ProcessRunner {
public:
  std::optional<ProcessResult> run(const std::vector<std::string>& argv, const ProcessOptions& options) override {
    return run_process(argv, options);
  }
};

} // namespace

std::string ProcessRunner::find_program(const std::string& name) { return util::find_program(name); }

ProcessRunner& system_process_runner() {
  static SystemProcessRunner runner;
  return runner;
}

} // namespace codegate::util
