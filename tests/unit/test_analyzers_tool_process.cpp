// How a tool is run, with a scripted process runner: batches that fit the command line, file
// names that can never be options, one time limit for all batches, a missing program.

#include <doctest/doctest.h>

#include <cstdlib>

#include "analyzers/tool_process.h"
#include "core/error.h"
#include "process_fakes.h"

using namespace codegate;
using codegate::testing::ScriptedProcesses;

namespace {

ToolCommand pylint_command(std::vector<std::string> files) {
  ToolCommand command;
  command.name = "pylint";
  command.install_hint = "install it with: apt-get install pylint";
  command.options = {"--output-format=json2"};
  command.files = std::move(files);
  command.cwd = "/work/checkout";
  command.timeout_seconds = 600;
  command.timeout_key = "pylint.timeout";
  return command;
}

std::string tool_error(const ToolCommand& command, ScriptedProcesses& processes) {
  try {
    run_tool(command, processes);
  } catch (const ToolError& e) {
    return e.what();
  }
  return "";
}

// Lowers the argument space for the batches of one test, as the integration suites do.
struct ArgumentBytes {
  explicit ArgumentBytes(const char* bytes) { setenv("CODEGATE_TEST_ARGUMENT_BYTES", bytes, 1); }
  ~ArgumentBytes() { unsetenv("CODEGATE_TEST_ARGUMENT_BYTES"); }
};

} // namespace

TEST_CASE("a tool gets every file after --, as ./path, in the cwd and with the time left") {
  ScriptedProcesses processes;
  processes.script.push_back(ScriptedProcesses::exited(16, "[]"));
  auto results = run_tool(pylint_command({"-rf.py", "pkg/a.py"}), processes);
  REQUIRE(results.size() == 1);
  CHECK(results[0].exit_code == 16); // a tool's own exit status is the analyzer's to read
  REQUIRE(processes.commands.size() == 1);
  CHECK(processes.commands[0] ==
        std::vector<std::string>{"pylint", "--output-format=json2", "--", "./-rf.py", "./pkg/a.py"});
  CHECK(processes.options[0].cwd == "/work/checkout");
  REQUIRE(processes.options[0].timeout);
  CHECK(processes.options[0].timeout->count() <= 600000);
  CHECK(processes.options[0].timeout->count() > 590000);
}

TEST_CASE("files that do not fit one command line go in batches, each with every option") {
  ArgumentBytes small("400");
  std::vector<std::string> files;
  for (int i = 0; i < 30; ++i) files.push_back("module_" + std::to_string(i) + ".py");
  ScriptedProcesses processes;
  auto results = run_tool(pylint_command(files), processes);
  REQUIRE(processes.commands.size() > 1);
  CHECK(results.size() == processes.commands.size());
  std::vector<std::string> seen;
  for (const auto& argv : processes.commands) {
    REQUIRE(argv.size() > 3);
    CHECK(std::vector<std::string>(argv.begin(), argv.begin() + 3) ==
          std::vector<std::string>{"pylint", "--output-format=json2", "--"});
    seen.insert(seen.end(), argv.begin() + 3, argv.end());
  }
  REQUIRE(seen.size() == files.size());
  for (std::size_t i = 0; i < files.size(); ++i) CHECK(seen[i] == "./" + files[i]);
}

TEST_CASE("a batch stopped at the time limit fails the run and no later batch starts") {
  ArgumentBytes small("400");
  std::vector<std::string> files;
  for (int i = 0; i < 30; ++i) files.push_back("module_" + std::to_string(i) + ".py");
  ScriptedProcesses processes;
  processes.script.push_back(ScriptedProcesses::exited(0, "[]"));
  processes.script.push_back(ScriptedProcesses::timed_out());
  CHECK(tool_error(pylint_command(files), processes) ==
        "pylint did not finish within 600 s (pylint.timeout); raise the limit in .codegate.yml, or check fewer files "
        "at a time");
  CHECK(processes.commands.size() == 2);
}

TEST_CASE("a program that cannot be started names the package to install") {
  ScriptedProcesses processes;
  processes.script.push_back(std::nullopt);
  CHECK(tool_error(pylint_command({"a.py"}), processes) ==
        "pylint is not installed or not on PATH; install it with: apt-get install pylint");
}

TEST_CASE("the version is the first line's first number, else its last word; empty when the tool fails") {
  ScriptedProcesses processes;
  processes.script.push_back(ScriptedProcesses::exited(0, "pylint 2.16.2\nastroid 2.14.2\nPython 3.11.2\n"));
  processes.script.push_back(ScriptedProcesses::exited(2, "usage: bandit"));
  CHECK(tool_version("pylint", 30, processes) == "2.16.2");
  CHECK(processes.commands[0] == std::vector<std::string>{"pylint", "--version"});
  CHECK(tool_version("bandit", 30, processes).empty());
  CHECK(version_in("2.5.0 Python 3.11.2 on Linux\n") == "2.5.0"); // pyflakes3 --version
  CHECK(version_in("bandit 1.7.10\n  python version = 3.13.5\n") == "1.7.10");
  CHECK(version_in("tool unknown\n") == "unknown");
}
