#include <doctest/doctest.h>

#include "platform/workflow_commands.h"

using namespace codegate;
using namespace codegate::platform;

namespace {

Finding finding(const std::string& path, int line, Level level, bool fails) {
  Finding f;
  f.tool = "bandit";
  f.rule_id = "B602";
  f.rule_name = "subprocess_popen_with_shell_equals_true";
  f.cwe = 78;
  f.level = level;
  f.path = path;
  f.line = line;
  f.column = 5;
  f.message = "shell=True, 100% bad";
  f.filter.reported = true;
  f.fails_gate = fails;
  return f;
}

} // namespace

TEST_CASE("workflow command data and properties are escaped the way the runner decodes them") {
  CHECK(escape_command_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b");
  CHECK(escape_command_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b");
  // An escape sequence in the input must not decode to a real separator.
  CHECK(escape_command_property("%3A") == "%253A");
}

TEST_CASE("an annotation names file, lines, column and title, and its message cannot start a command") {
  Finding f = finding("dir, with: odd/name.py", 7, Level::error, true);
  f.end_line = 9;
  f.message = "first line\n::set-output name=x::y";
  CHECK(annotation(f) ==
        "::error file=dir%2C with%3A odd/name.py,line=7,endLine=9,col=5,"
        "title=bandit B602 subprocess_popen_with_shell_equals_true (CWE-78)::first line%0A::set-output name=x::y");
}

TEST_CASE("failing findings are errors, other findings warnings or notices") {
  CHECK(annotation(finding("a.py", 1, Level::error, false)).rfind("::warning ", 0) == 0);
  CHECK(annotation(finding("a.py", 1, Level::warning, true)).rfind("::error ", 0) == 0);
  CHECK(annotation(finding("a.py", 1, Level::note, false)).rfind("::notice ", 0) == 0);
}

TEST_CASE("annotations come failing first, at most so many of each kind, and say how many more there are") {
  CheckResult result;
  result.findings = {finding("b.py", 3, Level::note, false), finding("a.py", 9, Level::warning, false),
                     finding("c.py", 1, Level::error, true), finding("d.py", 1, Level::error, true),
                     finding("e.py", 1, Level::error, true), finding("f.py", 2, Level::note, false)};
  result.findings.push_back(finding("z.py", 1, Level::error, true));
  result.findings.back().filter.reported = false; // outside the diff: no annotation
  auto lines = annotations(result, 2);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0].rfind("::error file=c.py,", 0) == 0);
  CHECK(lines[1].rfind("::error file=d.py,", 0) == 0); // e.py is the third error
  CHECK(lines[2].rfind("::warning file=a.py,", 0) == 0);
  CHECK(lines[3].rfind("::notice file=b.py,", 0) == 0); // one notice: the last place is the count's
  CHECK(lines[4] ==
        "::notice title=codegate::2 more findings without an annotation (GitHub shows 2 of each kind a step); the "
        "job summary and the SARIF report list every one");
  // Nothing left out: every notice has its place.
  result.findings.erase(result.findings.begin() + 4);
  CHECK(annotations(result, 2).size() == 5);
}

TEST_CASE("step outputs are name=value lines, with a heredoc for a value that has a line break") {
  CHECK(output_lines({{"failed", "true"}, {"findings", "3"}, {"sarif_file", ""}}) ==
        "failed=true\nfindings=3\nsarif_file=\n");
  std::string text = output_lines({{"notes", "one\ntwo"}});
  auto first_line = text.substr(0, text.find('\n'));
  REQUIRE(first_line.rfind("notes<<codegate_", 0) == 0);
  std::string delimiter = first_line.substr(7);
  CHECK(text == "notes<<" + delimiter + "\none\ntwo\n" + delimiter + "\n");
}
