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
