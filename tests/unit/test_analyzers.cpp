#include <doctest/doctest.h>

#include "analyzers/bandit/bandit.h"
#include "analyzers/bandit/cwe_table.h"
#include "analyzers/pylint/pylint.h"
#include "core/error.h"

using namespace codegate;

TEST_CASE("Pylint's JSON becomes findings with 1-based columns") {
  auto findings = parse_pylint_json(R"([{"type": "error", "module": "a", "obj": "f", "line": 4, "column": 11,
    "endLine": 4, "endColumn": 15, "path": "pkg/a.py", "symbol": "undefined-variable",
    "message": "Undefined variable 'nope'", "message-id": "E0602"},
    {"type": "convention", "module": "-x", "obj": "", "line": 1, "column": 0, "endLine": null, "endColumn": null,
     "path": "-x.py", "symbol": "missing-module-docstring", "message": "Missing module docstring",
     "message-id": "C0114"}])");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].tool == "pylint");
  CHECK(findings[0].rule_id == "E0602");
  CHECK(findings[0].rule_name == "undefined-variable");
  CHECK(findings[0].level == Level::error);
  CHECK(findings[0].path == "pkg/a.py");
  CHECK(findings[0].line == 4);
  CHECK(findings[0].column == 12);
  CHECK(findings[0].end_column == 16);
  CHECK(findings[0].help_uri ==
        "https://pylint.readthedocs.io/en/latest/user_guide/messages/error/undefined-variable.html");
  CHECK(findings[1].level == Level::note);
  CHECK(findings[1].path == "-x.py");
  CHECK(findings[1].end_line == 0);
}

// "column": 2147483647 overflowed the +1 (undefined behaviour; found reading the parser for fuzz/).
TEST_CASE("columns Pylint cannot have meant count as missing instead of overflowing") {
  auto findings = parse_pylint_json(R"([
    {"type": "error", "line": 1, "column": 2147483647, "endColumn": 2147483647, "path": "a.py"},
    {"type": "error", "line": 1, "column": -4, "endColumn": -2, "path": "a.py"}])");
  REQUIRE(findings.size() == 2);
  for (const auto& finding : findings) {
    CHECK(finding.column == 1);
    CHECK(finding.end_column == 0);
  }
}

TEST_CASE("output that is not Pylint's report is an error, never an empty pass") {
  CHECK_THROWS_AS(parse_pylint_json("Traceback (most recent call last):"), ToolError);
  CHECK_THROWS_AS(parse_pylint_json("{}"), ToolError);
}

TEST_CASE("Bandit's JSON becomes findings with CWE ids and parse errors") {
  auto report =
      parse_bandit_json(R"({"errors": [{"filename": "./bad.py", "reason": "syntax error while parsing AST from file"}],
    "results": [{"code": "4 x\n", "filename": "./-x.py", "issue_confidence": "HIGH", "issue_severity": "HIGH",
    "issue_text": "subprocess call with shell=True identified, security issue.", "line_number": 4,
    "line_range": [4, 5], "more_info": "https://bandit.readthedocs.io/b602.html", "test_id": "B602",
    "test_name": "subprocess_popen_with_shell_equals_true"}]})");
  REQUIRE(report.findings.size() == 1);
  const Finding& f = report.findings[0];
  CHECK(f.path == "-x.py");
  CHECK(f.cwe == 78);
  CHECK(f.level == Level::error);
  CHECK(f.confidence == "HIGH");
  CHECK(f.end_line == 5);
  REQUIRE(report.errors.size() == 1);
  CHECK(report.errors[0].path == "bad.py");
  CHECK(report.errors[0].reason == "syntax error while parsing AST from file");
  CHECK_THROWS_AS(parse_bandit_json("[main] INFO profile include tests: None"), ToolError);
}

TEST_CASE("the CWE table covers Bandit 1.6.2's tests") {
  CHECK(bandit_cwe("B101") == 703);
  CHECK(bandit_cwe("B608") == 89);
  CHECK(bandit_cwe("B703") == 80);
  CHECK_FALSE(bandit_cwe("B999"));
  CHECK(bandit_rank("medium") == 2);
}
