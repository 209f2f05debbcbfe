#pragma once
// Runs a program with an argv array (posix_spawnp, never a shell) and captures its output.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace codegate::util {

struct ProcessResult {
  int exit_code = -1; // the program's exit status; -1 when it was killed by a signal
  int signal = 0;     // the signal that ended it, or 0
  bool timed_out = false;
  std::string out; // everything it wrote on stdout
  std::string err; // everything it wrote on stderr
};

struct ProcessOptions {
  std::string cwd;                            // empty: inherit
  std::string stdin_data;                     // written to the child's stdin, then closed
  std::map<std::string, std::string> env_set; // added to (or replacing in) the inherited environment
  std::optional<std::chrono::milliseconds> timeout;
};

// Returns nullopt when the program could not be started (not installed); the caller turns that
// into a message naming the package to install.
std::optional<ProcessResult> run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// The last `max_lines` lines of a tool's output, for error messages.
std::string tail_lines(const std::string& text, int max_lines);

// Looks a program up on PATH; empty when not found.
std::string find_program(const std::string& name);

} // namespace codegate::util
