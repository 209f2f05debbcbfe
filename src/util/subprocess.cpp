#include "util/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "util/cleanup.h"
#include "util/system_error.h"
#include "util/temp_dir.h"

extern char** environ;

namespace codegate::util {
namespace {

using Clock = std::chrono::steady_clock;

// Owns a pipe's two ends.
struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() {
    if (pipe2(fds, O_CLOEXEC) != 0) throw SystemError(std::string("pipe: ") + std::strerror(errno));
  }
  ~Pipe() { close_both(); }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  void close_end(int i) {
    if (fds[i] >= 0) ::close(fds[i]);
    fds[i] = -1;
  }
  void close_both() {
    close_end(0);
    close_end(1);
  }
};

std::vector<std::string> build_environment(const std::map<std::string, std::string>& overrides) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos && overrides.count(entry.substr(0, eq)) != 0) continue;
    env.push_back(std::move(entry));
  }
  for (const auto& [key, value] : overrides) env.push_back(key + "=" + value);
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Waits until `pid` has exited or `deadline` passed, without reaping it (its pid, the group's id,
// stays reserved until waitpid). True when it exited.
bool wait_for_exit(pid_t pid, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    siginfo_t info{};
    int options = WEXITED | WNOWAIT | (deadline == Clock::time_point::max() ? 0 : WNOHANG);
    if (waitid(P_PID, static_cast<id_t>(pid), &info, options) == 0) {
      if (info.si_pid != 0) return true;
    } else if (errno != EINTR) {
      throw SystemError(std::string("waitid: ") + std::strerror(errno));
    }
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// The child in a group of its own, with the signal dispositions and mask a program expects
// (codegate blocks SIGINT/SIGTERM for its signal thread and ignores SIGPIPE).
struct SpawnAttributes {
  posix_spawnattr_t attr;
  SpawnAttributes() {
    posix_spawnattr_init(&attr);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP}) sigaddset(&defaults, sig);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  }
  ~SpawnAttributes() { posix_spawnattr_destroy(&attr); }
  SpawnAttributes(const SpawnAttributes&) = delete;
  SpawnAttributes& operator=(const SpawnAttributes&) = delete;
};

// What the child's standard streams and working directory are, released with the run.
struct SpawnFileActions {
  posix_spawn_file_actions_t actions;
  SpawnFileActions() { posix_spawn_file_actions_init(&actions); }
  ~SpawnFileActions() { posix_spawn_file_actions_destroy(&actions); }
  SpawnFileActions(const SpawnFileActions&) = delete;
  SpawnFileActions& operator=(const SpawnFileActions&) = delete;
};

} // namespace

// An empty directory of the run's own, where a child starts when the caller names none.
const std::string& neutral_directory() {
  static const TempDir dir("codegate-cwd");
  return dir.path();
}

namespace {

// The child's standard input, output and error, each a pipe.
struct Streams {
  Pipe in, out, err;
};

// Starts argv[0] in a group of its own on `streams`, in the options' directory with their
// environment; nullopt when there is no such program (or it may not be run).
std::optional<pid_t> spawn(const std::vector<std::string>& argv, const ProcessOptions& options, Streams& streams) {
  SpawnFileActions file_actions;
  posix_spawn_file_actions_t& actions = file_actions.actions;
  posix_spawn_file_actions_adddup2(&actions, streams.in.fds[0], 0);
  posix_spawn_file_actions_adddup2(&actions, streams.out.fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, streams.err.fds[1], 2);
  const std::string& cwd = options.cwd.empty() ? neutral_directory() : options.cwd;
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  SpawnAttributes attributes;

  std::vector<std::string> args = argv;
  auto c_args = c_strings(args);
  std::vector<std::string> env = build_environment(options.env_set);
  auto c_env = c_strings(env);

  int rc = 0;
  pid_t pid = spawn_registered([&] {
    pid_t child = 0;
    rc = posix_spawnp(&child, args[0].c_str(), &actions, &attributes.attr, c_args.data(), c_env.data());
    return rc == 0 ? child : -1;
  });
  if (rc == ENOENT || rc == EACCES) return std::nullopt;
  if (rc != 0) throw SystemError("cannot start " + argv[0] + ": " + std::strerror(rc));
  // The child's ends are the child's alone now.
  streams.in.close_end(0);
  streams.out.close_end(1);
  streams.err.close_end(1);
  return pid;
}

// Moves what one ready descriptor allows: the next part of stdin_data to the child, or what it
// printed into result.out or result.err. A descriptor at its end (or failed) is closed.
void transfer(int fd, Streams& streams, const std::string& stdin_data, std::size_t& written, ProcessResult& result) {
  if (fd == streams.in.fds[1]) {
    ssize_t w = ::write(fd, stdin_data.data() + written, stdin_data.size() - written);
    if (w > 0) written += static_cast<std::size_t>(w);
    if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == stdin_data.size()) streams.in.close_end(1);
    return;
  }
  char buffer[65536];
  ssize_t r = ::read(fd, buffer, sizeof buffer);
  bool is_out = fd == streams.out.fds[0];
  if (r > 0)
    (is_out ? result.out : result.err).append(buffer, static_cast<std::size_t>(r));
  else if (r == 0 || (errno != EINTR && errno != EAGAIN))
    (is_out ? streams.out : streams.err).close_end(0);
}

// Feeds the child its input and reads its output until it closes both streams or the deadline
// passes (result.timed_out), calling the heartbeat on its schedule meanwhile.
void exchange(pid_t pid, Streams& streams, const ProcessOptions& options, Clock::time_point started,
              Clock::time_point deadline, ProcessResult& result) {
  std::size_t written = 0;
  if (options.stdin_data.empty())
    streams.in.close_end(1);
  else
    fcntl(streams.in.fds[1], F_SETFL, O_NONBLOCK);
  auto next_heartbeat = options.heartbeat ? started + options.heartbeat_interval : Clock::time_point::max();
  while (streams.out.fds[0] >= 0 || streams.err.fds[0] >= 0) {
    pollfd fds[3];
    int n = 0;
    if (streams.out.fds[0] >= 0) fds[n++] = {streams.out.fds[0], POLLIN, 0};
    if (streams.err.fds[0] >= 0) fds[n++] = {streams.err.fds[0], POLLIN, 0};
    if (streams.in.fds[1] >= 0) fds[n++] = {streams.in.fds[1], POLLOUT, 0};
    auto now = Clock::now();
    if (now >= deadline) {
      result.timed_out = true;
      return;
    }
    if (now >= next_heartbeat) {
      options.heartbeat(std::chrono::duration_cast<std::chrono::milliseconds>(now - started));
      next_heartbeat += options.heartbeat_interval;
    }
    auto wake = std::min(deadline, next_heartbeat);
    int wait_ms = wake == Clock::time_point::max()
                      ? -1
                      : static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(wake - now).count());
    int ready = poll(fds, static_cast<nfds_t>(n), wait_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      kill(-pid, SIGKILL);
      throw SystemError(std::string("poll: ") + std::strerror(errno));
    }
    for (int i = 0; i < n; ++i)
      if (fds[i].revents != 0) transfer(fds[i].fd, streams, options.stdin_data, written, result);
  }
}

// Ends the run: a child still running at the deadline gets SIGTERM and the grace period, then
// whatever is left of its group is killed and the child reaped into result.exit_code or .signal.
void finish(pid_t pid, const ProcessOptions& options, Clock::time_point deadline, ProcessResult& result) {
  // Its output closed, the program may still run (it closed both ends itself): the deadline holds.
  if (!result.timed_out && !wait_for_exit(pid, deadline)) result.timed_out = true;
  if (result.timed_out) {
    kill(-pid, SIGTERM);
    wait_for_exit(pid, Clock::now() + options.kill_grace);
  }
  // Whatever the program left behind in its group goes with it; the unreaped leader keeps the
  // group's id from being reused until then.
  kill(-pid, SIGKILL);
  unregister_process_group(pid);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw SystemError(std::string("waitpid: ") + std::strerror(errno));
  }
  if (WIFEXITED(status))
    result.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    result.signal = WTERMSIG(status);
}

} // namespace

std::optional<ProcessResult> run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  if (argv.empty()) throw std::invalid_argument("run_process: empty argv");
  Streams streams;
  std::optional<pid_t> pid = spawn(argv, options, streams);
  if (!pid) return std::nullopt;
  ProcessResult result;
  const auto started = Clock::now();
  const auto deadline = options.timeout ? started + *options.timeout : Clock::time_point::max();
  exchange(*pid, streams, options, started, deadline, result);
  finish(*pid, options, deadline, result);
  // posix_spawnp reports a missing program through the child on some libcs: exit 127, no output.
  if (result.signal == 0 && result.exit_code == 127 && result.out.empty() && find_program(argv[0]).empty())
    return std::nullopt;
  return result;
}

std::string tail_lines(const std::string& text, int max_lines) {
  if (text.empty()) return text;
  std::size_t end = text.size();
  while (end > 0 && text[end - 1] == '\n') --end;
  std::size_t pos = end;
  for (int seen = 0; pos > 0; --pos) {
    if (text[pos - 1] == '\n' && ++seen == max_lines) break;
  }
  return text.substr(pos, end - pos);
}

std::string find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0 ? name : "";
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t colon = dirs.find(':', start);
    std::string dir = dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    struct stat st {};
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(candidate.c_str(), X_OK) == 0)
      return candidate;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return "";
}

} // namespace codegate::util
