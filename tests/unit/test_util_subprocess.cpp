#include <doctest/doctest.h>

#include "util/subprocess.h"

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

TEST_CASE("tail_lines keeps the last lines") {
  CHECK(tail_lines("a\nb\nc\nd\n", 2) == "c\nd");
  CHECK(tail_lines("a", 3) == "a");
}
