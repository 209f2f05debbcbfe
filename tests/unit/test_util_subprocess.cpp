#include <doctest/doctest.h>

#include <signal.h>

#include <fstream>
#include <thread>

#include "util/subprocess.h"
#include "util/temp_dir.h"

using namespace codegate::util;

TEST_CASE("run_process captures stdout, stderr and the exit code without a shell") {
  auto result = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
  REQUIRE(result);
  CHECK(result->out == "out\n");
  CHECK(result->err == "err\n");
  CHECK(result->exit_code == 3);
}

TEST_CASE("arguments reach the program verbatim, shell characters included") {
  auto result = run_process({"printf", "%s|", "$(id)", "a b", "-x", "; rm -rf /"});
  REQUIRE(result);
  CHECK(result->out == "$(id)|a b|-x|; rm -rf /|");
}

TEST_CASE("stdin is written to the child") {
  ProcessOptions options;
  options.stdin_data = std::string(200000, 'x');
  auto result = run_process({"wc", "-c"}, options);
  REQUIRE(result);
  CHECK(result->out == "200000\n");
}

TEST_CASE("a missing program is reported as not started") {
  CHECK_FALSE(run_process({"codegate-no-such-program-xyz"}));
}

TEST_CASE("a program past its timeout is killed") {
  ProcessOptions options;
  options.timeout = std::chrono::milliseconds(200);
  auto result = run_process({"sleep", "5"}, options);
  REQUIRE(result);
  CHECK(result->timed_out);
}

namespace {

// The pid a shell script wrote to `path`, once it is there.
pid_t read_pid(const std::string& path) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    std::ifstream in(path);
    pid_t pid = 0;
    if (in >> pid) return pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}

bool gone(pid_t pid) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    if (kill(pid, 0) != 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

} // namespace

TEST_CASE("a timeout stops the whole process group, grandchildren that ignore SIGTERM included") {
  TempDir dir;
  ProcessOptions options;
  options.timeout = std::chrono::milliseconds(300);
  options.kill_grace = std::chrono::milliseconds(200);
  auto started = std::chrono::steady_clock::now();
  auto result =
      run_process({"sh", "-c", "sh -c 'trap \"\" TERM; echo $$ > \"$1\"; while :; do sleep 1; done' _ \"$1\" & wait",
                   "_", dir.path() + "/grandchild"},
                  options);
  REQUIRE(result);
  CHECK(result->timed_out);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
  pid_t grandchild = read_pid(dir.path() + "/grandchild");
  REQUIRE(grandchild > 0);
  CHECK(gone(grandchild));
}

TEST_CASE("a program that finishes in time is not marked timed out and its output is kept") {
  ProcessOptions options;
  options.timeout = std::chrono::seconds(10);
  auto result = run_process({"sh", "-c", "echo done"}, options);
  REQUIRE(result);
  CHECK_FALSE(result->timed_out);
  CHECK(result->out == "done\n");
  CHECK(result->exit_code == 0);
}

TEST_CASE("the heartbeat is called at its interval while the program runs") {
  ProcessOptions options;
  options.heartbeat_interval = std::chrono::milliseconds(100);
  std::vector<std::chrono::milliseconds> beats;
  options.heartbeat = [&](std::chrono::milliseconds elapsed) { beats.push_back(elapsed); };
  auto result = run_process({"sleep", "0.55"}, options);
  REQUIRE(result);
  CHECK(result->exit_code == 0);
  REQUIRE(beats.size() >= 4);
  CHECK(beats.size() <= 6);
  CHECK(beats.front() >= std::chrono::milliseconds(100));
  for (std::size_t i = 1; i < beats.size(); ++i) CHECK(beats[i] > beats[i - 1]);
}

TEST_CASE("a child starts in its own process group with SIGTERM at its default") {
  sigset_t blocked;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGTERM);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &blocked, &previous); // as main blocks it for the signal thread
  auto result = run_process({"sh", "-c", "cut -d' ' -f5 /proc/$$/stat; echo $$; grep SigBlk /proc/self/status"});
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  REQUIRE(result);
  auto lines = result->out;
  std::string pgid = lines.substr(0, lines.find('\n'));
  lines.erase(0, lines.find('\n') + 1);
  std::string pid = lines.substr(0, lines.find('\n'));
  CHECK(pgid == pid);
  CHECK(result->out.find("SigBlk:\t0000000000000000") != std::string::npos);
}

TEST_CASE("tail_lines keeps the last lines") {
  CHECK(tail_lines("a\nb\nc\nd\n", 2) == "c\nd");
  CHECK(tail_lines("a", 3) == "a");
}
