#include <doctest/doctest.h>

#include "report/reports.h"
#include "report_fixture.h"

using namespace codegate;

TEST_CASE("text report groups reported findings by file with their source line and a summary") {
  test::check_golden("report_text.txt", render_text(test::sample_result(), false));
}

TEST_CASE("text report has no escape sequences without colour and colours levels with it") {
  auto result = test::sample_result();
  auto plain = render_text(result, false);
  CHECK(plain.find('\x1b') == std::string::npos);
  auto coloured = render_text(result, true);
  CHECK(coloured.find("\x1b[31merror\x1b[0m") != std::string::npos);
  CHECK(coloured.find("\x1b[1;31mFAILED\x1b[0m") != std::string::npos);
}

TEST_CASE("text report of a clean change says PASSED and counts what it left out") {
  auto result = test::sample_result();
  result.tools.resize(2);
  result.notes.clear();
  for (auto& f : result.findings) {
    f.filter.reported = false;
    f.filter.selected = false;
    f.fails_gate = false;
  }
  result.failed = false;
  CHECK(render_text(result, false) == "codegate: 0 findings reported, 6 outside the added lines; PASSED\n");
}

TEST_CASE("text report shows control characters from tools as '?' so they cannot drive the terminal") {
  CheckResult result;
  Finding f;
  f.tool = "pylint";
  f.rule_id = "E0001";
  f.path = "a.py";
  f.message = "bad\x1b[2Jthing";
  f.filter.reported = true;
  result.findings.push_back(f);
  CHECK(render_text(result, false) ==
        "a.py\n"
        "a.py:1:1: warning [pylint E0001] bad?[2Jthing\n"
        "\n"
        "codegate: 1 finding reported; PASSED\n");
}

namespace {
// fastapi's scripts/: Bandit's low B603 through one file, a B607 among them, and a failing B602.
CheckResult repeated_notes() {
  CheckResult result;
  auto add = [&](const std::string& path, int line, const std::string& rule, Level level, bool fails) {
    Finding f;
    f.tool = "bandit";
    f.rule_id = rule;
    f.path = path;
    f.line = line;
    f.level = level;
    f.message = rule == "B603" ? "subprocess call - check for execution of untrusted input." : "the message of " + rule;
    f.filter.reported = true;
    f.fails_gate = fails;
    result.findings.push_back(f);
  };
  for (int line : {12, 20, 31}) add("scripts/docs.py", line, "B603", Level::note, false);
  add("scripts/docs.py", 14, "B607", Level::note, false);
  add("scripts/docs.py", 40, "B602", Level::error, true);
  add("scripts/other.py", 3, "B603", Level::note, false);
  result.failed = true;
  return result;
}
} // namespace

TEST_CASE("text report folds a note repeated through one file into one line with its lines") {
  CHECK(render_text(repeated_notes(), false) ==
        "scripts/docs.py\n"
        "scripts/docs.py:12:1: note [bandit B603] subprocess call - check for execution of untrusted input.\n"
        "    3 times in this file: lines 12, 20, 31\n"
        "scripts/docs.py:14:1: note [bandit B607] the message of B607\n"
        "scripts/docs.py:40:1: error [bandit B602] the message of B602 <- fails the gate\n"
        "\n"
        "scripts/other.py\n"
        "scripts/other.py:3:1: note [bandit B603] subprocess call - check for execution of untrusted input.\n"
        "\n"
        "codegate: 6 findings reported (1 fails the gate); FAILED\n");
}

TEST_CASE("a repeated note is folded only when nothing tells its findings apart") {
  CheckResult result = repeated_notes();
  result.findings[1].message = "another message";                                               // line 20
  result.findings[2].suppression = Suppression{31, "# nosec B603", SuppressedBy::change, true}; // line 31: a remark
  auto text = render_text(result, false);
  CHECK(text.find("times in this file") == std::string::npos);
  CHECK(text.find("scripts/docs.py:20:1: note [bandit B603] another message\n") != std::string::npos);
  CHECK(text.find("scripts/docs.py:31:1: note [bandit B603] subprocess call - check for execution of untrusted "
                  "input.\n    suppressed in this change by `# nosec B603` on line 31\n") != std::string::npos);
}
