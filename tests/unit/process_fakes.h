#pragma once
// A util::ProcessRunner that answers from a script and records every command line, so the code
// that runs tools is tested without the tools.

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "util/process_runner.h"

namespace codegate::testing {

class ScriptedProcesses : public util::ProcessRunner {
public:
  // Answers in order; when the script runs out, `otherwise` answers (by default: exit 0, no output).
  std::deque<std::optional<util::ProcessResult>> script;
  std::function<std::optional<util::ProcessResult>(const std::vector<std::string>&)> otherwise;
  std::vector<std::vector<std::string>> commands;
  std::vector<util::ProcessOptions> options;

  std::optional<util::ProcessResult> run(const std::vector<std::string>& argv,
                                         const util::ProcessOptions& given) override {
    commands.push_back(argv);
    options.push_back(given);
    if (!script.empty()) {
      auto next = std::move(script.front());
      script.pop_front();
      return next;
    }
    return otherwise ? otherwise(argv) : std::optional<util::ProcessResult>(exited(0, ""));
  }

  static util::ProcessResult exited(int code, std::string out, std::string err = "") {
    util::ProcessResult r;
    r.exit_code = code;
    r.out = std::move(out);
    r.err = std::move(err);
    return r;
  }
  static util::ProcessResult timed_out() {
    util::ProcessResult r;
    r.timed_out = true;
    r.signal = 15;
    return r;
  }
};

} // namespace codegate::testing
