#include "analyzers/tool_process.h"

#include <cctype>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "analyzers/analyzer.h"
#include "core/error.h"
#include "util/argument_batches.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate {
namespace {

using Clock = std::chrono::steady_clock;

// A command line as a shell would take it back, for -v: arguments with anything but plain
// characters in single quotes.
std::string shell_words(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& arg : argv) {
    bool plain = !arg.empty() && arg.find_first_not_of(
                                     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                     "0123456789_-+=./:,@%") == std::string::npos;
    if (!out.empty()) out += ' ';
    if (plain) {
      out += arg;
      continue;
    }
    out += '\'';
    for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += '\'';
  }
  return out;
}

std::string seconds_text(double seconds, const char* format) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, seconds);
  return buffer;
}

std::chrono::milliseconds limit(double seconds) {
  return std::chrono::ceil<std::chrono::milliseconds>(std::chrono::duration<double>(seconds));
}

std::string files_text(std::size_t count) { return std::to_string(count) + (count == 1 ? " file" : " files"); }

} // namespace

std::size_t tool_argument_space() {
  std::size_t space = util::argument_space();
  const char* lowered = std::getenv("CODEGATE_TEST_ARGUMENT_BYTES");
  if (lowered != nullptr && *lowered != '\0') {
    char* end = nullptr;
    unsigned long long value = std::strtoull(lowered, &end, 10);
    if (end != nullptr && *end == '\0' && value < space) space = static_cast<std::size_t>(value);
  }
  return space;
}

std::string tool_version(const std::string& name, double timeout_seconds, util::ProcessRunner& runner) {
  util::ProcessOptions options;
  options.timeout = limit(timeout_seconds);
  auto result = runner.run({name, "--version"}, options);
  if (!result || result->exit_code != 0) return "";
  return version_in(result->out);
}

std::string version_in(std::string_view version_output) {
  auto lines = util::split_lines(version_output); // "pylint 2.16.2\nastroid 2.14.2\n...", "bandit 1.6.2"
  if (lines.empty()) return "";
  auto first = util::trim(lines.front());
  // The first word that is a number ("2.5.0 Python 3.11.2 on Linux": Pyflakes), else the last one.
  for (const auto& word : util::split_nonempty(first, ' '))
    if (std::isdigit(static_cast<unsigned char>(word.front())) != 0) return std::string(word);
  auto space = first.rfind(' ');
  return std::string(space == std::string_view::npos ? first : first.substr(space + 1));
}

std::vector<util::ProcessResult> run_tool(const ToolCommand& command, util::ProcessRunner& runner) {
  std::vector<std::string> fixed = {command.name};
  fixed.insert(fixed.end(), command.options.begin(), command.options.end());
  fixed.push_back("--");
  std::vector<std::string> file_args;
  for (const auto& file : command.files) file_args.push_back(file_argument(file));
  auto batches = util::argument_batches(fixed, file_args, tool_argument_space());

  const auto started = Clock::now();
  const auto deadline = started + limit(command.timeout_seconds);
  auto timeout_error = [&] {
    return ToolError(command.name + " did not finish within " + seconds_text(command.timeout_seconds, "%g") + " s (" +
                     command.timeout_key + "); raise the limit in .codegate.yml, or check fewer files at a time");
  };
  std::vector<util::ProcessResult> results;
  for (std::size_t i = 0; i < batches.size(); ++i) {
    const auto& argv = batches[i];
    if (batches.size() > 1) {
      util::progress(command.name + " batch " + std::to_string(i + 1) + " of " + std::to_string(batches.size()) + " (" +
                     files_text(argv.size() - fixed.size()) + ")");
    }
    auto left = deadline - Clock::now();
    if (left <= Clock::duration::zero()) throw timeout_error();
    util::ProcessOptions options;
    options.cwd = command.cwd;
    options.timeout = std::chrono::ceil<std::chrono::milliseconds>(left);
    options.heartbeat = [&](std::chrono::milliseconds) {
      auto total = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started);
      util::progress(command.name + " still running (" + std::to_string(total.count()) + " s, " +
                     files_text(command.files.size()) + ")");
    };
    util::debug("running " + shell_words(argv) + " (in " + command.cwd + ")");
    const auto batch_started = Clock::now();
    auto result = runner.run(argv, options);
    if (!result) throw ToolError(command.name + " is not installed or not on PATH; " + command.install_hint);
    std::chrono::duration<double> took = Clock::now() - batch_started;
    util::debug(command.name + " finished in " + seconds_text(took.count(), "%.1f") + " s (" +
                (result->timed_out     ? std::string("stopped at the time limit")
                 : result->signal != 0 ? "signal " + std::to_string(result->signal)
                                       : "exit " + std::to_string(result->exit_code)) +
                ")");
    if (result->timed_out) throw timeout_error();
    results.push_back(std::move(*result));
  }
  return results;
}

} // namespace codegate
