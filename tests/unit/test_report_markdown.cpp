#include <doctest/doctest.h>

#include "report/reports.h"
#include "report_fixture.h"

using namespace codegate;

TEST_CASE("Markdown report is a PR comment with the summary marker first") {
  test::check_golden("report.md", render_markdown(test::sample_result()));
}

TEST_CASE("Markdown report escapes table breakers and markup from tool text") {
  CheckResult result;
  Finding f;
  f.tool = "codegate";
  f.rule_id = "intent-mismatch";
  f.path = "a|b.py";
  f.line = 7;
  f.message = "returns a | b\nbut the docstring says <img src=x> [link](http://x)";
  f.filter.reported = true;
  result.findings.push_back(f);
  CHECK(render_markdown(result) ==
        "<!-- codegate:summary -->\n"
        "## :white_check_mark: codegate: PASSED (1 finding reported)\n"
        "\n"
        "| | Location | Tool / rule | Level | Message |\n"
        "|---|---|---|---|---|\n"
        "|  | a\\|b.py:7 | codegate intent-mismatch | warning | returns a \\| b<br>"
        "but the docstring says \\<img src=x\\> \\[link\\](http://x) |\n");
}

TEST_CASE("Markdown report caps the table at 50 rows with failing findings first") {
  CheckResult result;
  result.failed = true;
  for (int i = 1; i <= 60; ++i) {
    Finding f;
    f.tool = "pylint";
    f.rule_id = "W0612";
    f.path = "a.py";
    f.line = i;
    f.message = "m" + std::to_string(i);
    f.filter.reported = true;
    f.fails_gate = i == 60;
    result.findings.push_back(f);
  }
  auto text = render_markdown(result);
  CHECK(text.find("## :x: codegate: FAILED (60 findings reported, 1 fails the gate)\n") != std::string::npos);
  CHECK(text.find("| :x: | a.py:60 |") < text.find("| a.py:1 |"));
  CHECK(text.find("a.py:49 |") != std::string::npos);
  CHECK(text.find("a.py:50 |") == std::string::npos);
  CHECK(text.find("\n…and 10 more (see the SARIF or JSON report).\n") != std::string::npos);
}

TEST_CASE("Markdown report folds a note repeated through one file into one row") {
  CheckResult result;
  for (int line : {12, 20, 31}) {
    Finding f;
    f.tool = "bandit";
    f.rule_id = "B603";
    f.path = "scripts/docs.py";
    f.line = line;
    f.level = Level::note;
    f.message = "subprocess call - check for execution of untrusted input.";
    f.filter.reported = true;
    result.findings.push_back(f);
  }
  auto text = render_markdown(result);
  CHECK(text.find("## :white_check_mark: codegate: PASSED (3 findings reported)\n") != std::string::npos);
  CHECK(text.find("|  | scripts/docs.py:12 | bandit B603 | note | subprocess call - check for execution of untrusted "
                  "input.<br>3 times in this file: lines 12, 20, 31 |\n") != std::string::npos);
  CHECK(text.find("scripts/docs.py:20") == std::string::npos);
}
