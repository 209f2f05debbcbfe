#pragma once
// Pyflakes (Debian package `pyflakes3`: 2.5 on Debian 12, 3.2 on Debian 13), run as `pyflakes3`
// over the changed files. It prints one line a problem, "./path:line:col: message", and no rule
// ids, so each message is given the F code flake8 and Ruff give it ("'os' imported but unused" is
// F401 unused-import). A file it cannot parse it names on stderr: that file was not analysed.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer.h"
#include "config/config.h"
#include "util/process_runner.h"

namespace codegate {

inline constexpr std::string_view k_pyflakes_tool = "pyflakes";     // ToolRun::name and Finding::tool
inline constexpr std::string_view k_pyflakes_program = "pyflakes3"; // Debian's name for its command

struct PyflakesRule {
  std::string_view code; // "F401"
  std::string_view name; // "unused-import", Ruff's name for it
  bool bug = false;      // the code fails when it runs (undefined names, misplaced statements)
};

// The rule of a Pyflakes message; nullopt for a message this version of codegate does not know.
std::optional<PyflakesRule> pyflakes_rule(std::string_view message);

// The findings of one run over `files` (repository-relative; passed as ./path): stdout's problems,
// and a codegate/not-analysed finding for each file stderr says it could not parse. Throws
// ToolError for output it cannot read (a crash, a file it could not open, a line naming no file
// it was given): nothing it printed may pass unseen.
std::vector<Finding> parse_pyflakes_output(const util::ProcessResult& result, const std::vector<std::string>& files);

// Runs Pyflakes; throws ToolError when it is missing, fails, runs out of time or prints what
// parse_pyflakes_output cannot read.
AnalyzerOutput run_pyflakes(const AnalyzerInput& input, const OptInAnalyzerConfig& settings);

} // namespace codegate
