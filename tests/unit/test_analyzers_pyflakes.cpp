// Pyflakes, the opt-in fourth analyzer, without Pyflakes: its real output (tests/unit/data/tools,
// from pyflakes3 2.5 on Debian 12) read into findings with flake8's and Ruff's codes, a scripted
// process runner for its runs, and the configuration that turns it on.

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "analyzers/pyflakes/pyflakes.h"
#include "analyzers/pyflakes/pyflakes_analyzer.h"
#include "config/config.h"
#include "core/error.h"
#include "process_fakes.h"

using namespace codegate;
using codegate::testing::ScriptedProcesses;

namespace {

std::string tool_data(const std::string& name) {
  std::ifstream in(std::string(CODEGATE_UNIT_DATA_DIR) + "/tools/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string tool_error(const util::ProcessResult& result, const std::vector<std::string>& files) {
  try {
    parse_pyflakes_output(result, files);
  } catch (const ToolError& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST_CASE("every message Pyflakes 2.5 printed gets its F code; none is left unclassified") {
  auto findings = parse_pyflakes_output(ScriptedProcesses::exited(1, tool_data("pyflakes-2.5-messages.txt")),
                                        {"every.py", "outside.py", "names.py", "local.py"});
  REQUIRE(findings.size() == 49);
  std::string codes;
  for (const auto& f : findings) {
    CHECK(f.tool == "pyflakes");
    CHECK(f.rule_id != "F000");
    codes += f.rule_id + " ";
  }
  CHECK(codes ==
        "F401 F403 F404 F404 F407 F406 F402 F841 F841 F541 F506 F507 F502 F504 F505 F509 F501 F503 F525 F521 F522 "
        "F523 F524 F601 F601 F602 F602 F631 F634 F632 F633 F901 F405 F405 F622 F722 F707 F405 F704 F704 F701 F702 "
        "F706 F811 F401 F821 F821 F822 F823 ");
  const Finding& undefined = findings[45];
  CHECK(undefined.path == "names.py");
  CHECK(undefined.line == 5);
  CHECK(undefined.column == 11);
  CHECK(undefined.message == "undefined name 'v'");
  CHECK(undefined.rule_name == "undefined-name");
  CHECK(undefined.level == Level::error);
  CHECK(undefined.help_uri == "https://docs.astral.sh/ruff/rules/undefined-name/");
  CHECK(findings[0].level == Level::warning); // an unused import does not break the code
}

TEST_CASE("a file Pyflakes cannot parse is not analysed; a crash or an unknown line is a tool failure") {
  auto findings = parse_pyflakes_output(
      ScriptedProcesses::exited(1, "", "./b.py:1:7: invalid syntax\ndef g(:\n      ^\n./b.py:3:1: also\n"),
      {"a.py", "b.py"});
  REQUIRE(findings.size() == 1);
  CHECK(is_not_analysed(findings[0]));
  CHECK(findings[0].path == "b.py");
  CHECK(findings[0].message.find("pyflakes could not parse it (invalid syntax at line 1)") != std::string::npos);

  CHECK(tool_error(ScriptedProcesses::exited(1, "", "Traceback (most recent call last):\n  File ...\n"), {"a.py"})
            .find("pyflakes crashed") == 0);
  CHECK(tool_error(ScriptedProcesses::exited(1, "", "./a.py: No such file or directory\n"), {"a.py"}) ==
        "pyflakes could not read a.py: No such file or directory:\n./a.py: No such file or directory\n(install it "
        "with: apt-get install pyflakes3)");
  // A line naming a file it was not given would match no line of the change.
  CHECK(tool_error(ScriptedProcesses::exited(1, "./other.py:1:1: undefined name 'x'\n"), {"a.py"})
            .find("pyflakes printed a line codegate cannot read: ./other.py:1:1") == 0);
}

TEST_CASE("a path with a colon is told apart from the position after it") {
  auto findings =
      parse_pyflakes_output(ScriptedProcesses::exited(1, "./a:1.py:2:3: undefined name 'x'\n"), {"a", "a:1.py"});
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].path == "a:1.py");
  CHECK(findings[0].line == 2);
  CHECK(findings[0].column == 3);
}

TEST_CASE("Pyflakes runs with its arguments before -- and each file as ./path; exit 2 is a failure") {
  ScriptedProcesses processes;
  processes.script.push_back(ScriptedProcesses::exited(1, "./-x.py:1:1: 'os' imported but unused\n"));
  OptInAnalyzerConfig settings;
  settings.args = {"--doctests"};
  std::promise<std::string> version;
  version.set_value("2.5.0");
  AnalyzerInput input{"/work/checkout", {"-x.py"}, "", settings.args, 1, version.get_future().share(), processes};
  AnalyzerOutput output = run_pyflakes(input, settings);
  REQUIRE(processes.commands.size() == 1);
  CHECK(processes.commands[0] == std::vector<std::string>{"pyflakes3", "--doctests", "--", "./-x.py"});
  REQUIRE(output.findings.size() == 1);
  CHECK(output.findings[0].path == "-x.py");
  CHECK(output.run.name == "pyflakes");
  CHECK(output.run.version == "2.5.0");
  CHECK(output.run.status == ToolStatus::ok);

  processes.script.push_back(ScriptedProcesses::exited(2, "", "usage: pyflakes3 [-h] [--version] [path ...]\n"));
  CHECK_THROWS_AS(run_pyflakes(input, settings), ToolError);
}

TEST_CASE("analyzers: turns Pyflakes on; its fail_on takes globs, and by default what breaks at run time fails") {
  Config off = parse_config("pylint:\n  enabled: true\n", ".codegate.yml");
  CHECK_FALSE(pyflakes_analyzer().enabled(off));
  Config on = parse_config("analyzers:\n  pyflakes: {}\n", ".codegate.yml");
  CHECK(pyflakes_analyzer().enabled(on));
  CHECK(on.analyzers.at("pyflakes").where == ".codegate.yml:2:3");
  Config listed_off = parse_config("analyzers:\n  pyflakes:\n    enabled: false\n", ".codegate.yml");
  CHECK_FALSE(pyflakes_analyzer().enabled(listed_off));

  Finding unused;
  unused.tool = "pyflakes";
  unused.rule_id = "F401";
  unused.level = Level::warning;
  Finding undefined = unused;
  undefined.rule_id = "F821";
  undefined.level = Level::error;
  CHECK_FALSE(pyflakes_analyzer().meets_threshold(unused, on));
  CHECK(pyflakes_analyzer().meets_threshold(undefined, on));
  Config strict = parse_config("analyzers:\n  pyflakes:\n    fail_on: [F4*]\n", ".codegate.yml");
  CHECK(pyflakes_analyzer().meets_threshold(unused, strict));
  CHECK_FALSE(pyflakes_analyzer().meets_threshold(undefined, strict));

  try {
    parse_config("analyzers:\n  pyflakes:\n    fail: [F4*]\n  other: []\n", ".codegate.yml");
    FAIL("no error");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()) ==
          ".codegate.yml:3:5: unknown key 'fail' in 'analyzers.pyflakes' (known keys: args, enabled, fail_on, "
          "timeout)\n"
          ".codegate.yml:4:10: 'analyzers.other' must be a mapping");
  }
}

TEST_CASE("# noqa: F401 or a bare # noqa silences a Pyflakes finding on its line, as flake8 and Ruff read it") {
  std::map<std::string, std::string> sources = {
      {"a.py", "import os  # noqa: F401\nimport sys  # noqa\nimport re  # noqa: E501\n"}};
  std::vector<std::string> files = {"a.py"};
  std::vector<Finding> findings(3);
  for (int i = 0; i < 3; ++i) {
    findings[i].tool = "pyflakes";
    findings[i].rule_id = "F401";
    findings[i].path = "a.py";
    findings[i].line = i + 1;
  }
  std::vector<std::string> notes;
  pyflakes_analyzer().complete(findings, {sources, files, []() -> const std::set<std::string>* { return nullptr; }},
                               notes);
  REQUIRE(findings[0].suppression);
  CHECK(findings[0].suppression->comment == "# noqa: F401");
  REQUIRE(findings[1].suppression);
  CHECK(findings[1].suppression->comment == "# noqa");
  CHECK_FALSE(findings[2].suppression);
}
