#include "util/signals.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "util/cleanup.h"

namespace codegate::util {
namespace {

// Long enough for a Python tool to run its exit handlers, short enough for a CI runner's own
// grace period before it kills the job.
constexpr std::chrono::milliseconds k_grace{1000};

sigset_t termination_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

} // namespace

void exit_cleanly_on_signals() {
  sigset_t set = termination_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread([set] {
    int signal = 0;
    while (sigwait(&set, &signal) != 0) {
    }
    std::string line = std::string("codegate: stopped by SIG") + sigabbrev_np(signal) + "\n";
    ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
    (void)ignored;
    clean_up_for_exit(k_grace);
    _exit(128 + signal);
  }).detach();
}

} // namespace codegate::util
