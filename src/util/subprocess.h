#pragma once
// Runs a program with an argv array (posix_spawnp, never a shell) and captures its output. Each
// program leads its own process group, registered for clean-up (util/cleanup.h): stopping it
// stops whatever it started too (Pylint's --jobs workers, a tool's own children).

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace codegate::util {

struct ProcessResult {
  int exit_code = -1;     // the program's exit status; -1 when it was killed by a signal
  int signal = 0;         // the signal that ended it, or 0
  bool timed_out = false; // stopped at ProcessOptions::timeout
  std::string out;        // everything it wrote on stdout
  std::string err;        // everything it wrote on stderr
};

struct ProcessOptions {
  // Empty: an empty directory of the run's own, never the caller's: programs read configuration
  // from where they start (Pylint parses ./pyproject.toml even for --version), and codegate is
  // started in the checkout, which in CI holds the change.
  std::string cwd;
  std::string stdin_data;                     // written to the child's stdin, then closed
  std::map<std::string, std::string> env_set; // added to (or replacing in) the inherited environment
  // Past it the whole process group gets SIGTERM, and SIGKILL after kill_grace.
  std::optional<std::chrono::milliseconds> timeout;
  std::chrono::milliseconds kill_grace{2000};
  // Called every heartbeat_interval while the program runs, with the time since it started.
  std::function<void(std::chrono::milliseconds)> heartbeat;
  std::chrono::milliseconds heartbeat_interval{30000};
};

// Returns nullopt when the program could not be started (not installed); the caller turns that
// into a message naming the package to install.
std::optional<ProcessResult> run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// The last `max_lines` lines of a tool's output, for error messages.
std::string tail_lines(const std::string& text, int max_lines);

// Looks a program up on PATH; empty when not found.
std::string find_program(const std::string& name);

} // namespace codegate::util
