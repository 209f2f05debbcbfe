#include <doctest/doctest.h>

#include "report/reports.h"
#include "report_fixture.h"

using namespace codegate;

TEST_CASE("JUnit report matches the golden file") {
  test::check_golden("report.junit.xml", render_junit(test::sample_result()));
}

TEST_CASE("JUnit report: a test case per checked file, a failure per failing finding") {
  auto xml = render_junit(test::sample_result());
  CHECK(xml.find("<testcase name=\"src/app.py\" classname=\"codegate\">") != std::string::npos);
  // The file with a space and a non-ASCII letter passes: its Bandit note does not fail the gate.
  CHECK(xml.find("<testcase name=\"src/my m\xC3\xB3"
                 "dulo.py\" classname=\"codegate\">") != std::string::npos);
  CHECK(xml.find("<failure type=\"pylint/E0602\"") != std::string::npos);
  CHECK(xml.find("<failure type=\"bandit/B602\"") != std::string::npos);
  CHECK(xml.find("<property name=\"pylint\" value=\"2.16.2\"/>") != std::string::npos);
  CHECK(xml.find("<property name=\"codegate-intent\" value=\"skipped\"/>") != std::string::npos);
}

TEST_CASE("JUnit report escapes markup and drops what XML 1.0 cannot carry") {
  CheckResult result;
  result.checked_files = {"a&b.py"};
  Finding f;
  f.tool = "pylint";
  f.rule_id = "W0123";
  f.path = "a&b.py";
  f.message = "use of <eval> \"x\" 'y'\x01\xEF\xBF\xBE\xFF";
  f.filter.reported = true;
  f.fails_gate = true;
  result.findings = {f};
  auto xml = render_junit(result);
  CHECK(xml.find("<testcase name=\"a&amp;b.py\"") != std::string::npos);
  CHECK(xml.find("message=\"line 1: use of &lt;eval&gt; &quot;x&quot; &apos;y&apos;") != std::string::npos);
  CHECK(xml.find('\x01') == std::string::npos);
  CHECK(xml.find("\xEF\xBF\xBE") == std::string::npos);
  CHECK(xml.find("\xFF") == std::string::npos);
  CHECK(xml.find("tests=\"1\" failures=\"1\"") != std::string::npos);
}

TEST_CASE("JUnit report of a run without files is an empty suite") {
  auto xml = render_junit(CheckResult{});
  CHECK(xml.find("<testsuite name=\"codegate\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">") !=
        std::string::npos);
  CHECK(xml.find("<testcase") == std::string::npos);
}
