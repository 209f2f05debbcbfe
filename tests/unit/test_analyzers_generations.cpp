// Both generations of the analyzers codegate meets: Debian 12's Pylint 2.16 / Bandit 1.6 and
// Debian 13's Pylint 3.3 / Bandit 1.7 (the image), parsed from their real output
// (tests/unit/data/tools/README.md says how it was captured).

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "analyzers/bandit/bandit.h"
#include "analyzers/bandit/cwe_table.h"
#include "analyzers/pylint/pylint.h"

using namespace codegate;

namespace {

std::string tool_output(const std::string& name) {
  std::ifstream in(std::string(CODEGATE_UNIT_DATA_DIR) + "/tools/" + name, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing tests/unit/data/tools/" << name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Bandit 1.7.10's CWE assignments, read from its source (bandit/core/issue.py's Cwe constants as
// the plugins in bandit/plugins/ and the blacklists in bandit/blacklists/ pass them), tag 1.7.10.
const std::map<std::string, int> k_bandit_1_7_10_cwe = {
    {"B101", 703}, {"B102", 78},  {"B103", 732}, {"B104", 605}, {"B105", 259}, {"B106", 259}, {"B107", 259},
    {"B108", 377}, {"B110", 703}, {"B112", 703}, {"B113", 400}, {"B201", 94},  {"B202", 22},  {"B301", 502},
    {"B302", 502}, {"B303", 327}, {"B304", 327}, {"B305", 327}, {"B306", 377}, {"B307", 78},  {"B308", 79},
    {"B310", 22},  {"B311", 330}, {"B312", 319}, {"B313", 20},  {"B314", 20},  {"B315", 20},  {"B316", 20},
    {"B317", 20},  {"B318", 20},  {"B319", 20},  {"B320", 20},  {"B321", 319}, {"B323", 295}, {"B324", 327},
    {"B401", 319}, {"B402", 319}, {"B403", 502}, {"B404", 78},  {"B405", 20},  {"B406", 20},  {"B407", 20},
    {"B408", 20},  {"B409", 20},  {"B410", 20},  {"B411", 20},  {"B412", 284}, {"B413", 327}, {"B415", 319},
    {"B501", 295}, {"B502", 327}, {"B503", 327}, {"B504", 327}, {"B505", 326}, {"B506", 20},  {"B507", 295},
    {"B508", 319}, {"B509", 319}, {"B601", 78},  {"B602", 78},  {"B603", 78},  {"B604", 78},  {"B605", 78},
    {"B606", 78},  {"B607", 78},  {"B608", 89},  {"B609", 155}, {"B610", 89},  {"B611", 89},  {"B612", 94},
    {"B613", 838}, {"B614", 502}, {"B701", 94},  {"B702", 80},  {"B703", 80},
};

} // namespace

TEST_CASE("the CWE table agrees with Bandit 1.7.10 on every test id both know") {
  int both = 0;
  for (const auto& entry : k_bandit_1_7_10_cwe) {
    // Named copies, not a structured binding: clang 14 cannot capture one in CHECK's lambda.
    const auto& test_id = entry.first;
    const auto& cwe = entry.second;
    auto ours = bandit_cwe(test_id);
    if (!ours) continue;
    ++both;
    CHECK_MESSAGE(*ours == cwe, test_id << ": table CWE-" << *ours << ", Bandit 1.7.10 CWE-" << cwe);
  }
  CHECK(both == static_cast<int>(k_bandit_1_7_10_cwe.size())); // the table knows all of 1.7.10's
}

TEST_CASE("Pylint 2.16 and 3.3 JSON, and 3.3's json2, give the same findings") {
  auto old_generation = parse_pylint_json(tool_output("pylint-2.16.2.json"));
  auto json = parse_pylint_json(tool_output("pylint-3.3.4.json"));
  auto json2 = parse_pylint_json(tool_output("pylint-3.3.4.json2"));
  REQUIRE(json.size() == 1);
  REQUIRE(json2.size() == 1);
  REQUIRE(old_generation.size() == 1);
  for (const auto* findings : {&old_generation, &json, &json2}) {
    const Finding& f = findings->front();
    CHECK(f.rule_id == "E0602");
    CHECK(f.rule_name == "undefined-variable");
    CHECK(f.path == "app/shell.py");
    CHECK(f.line == 12);
    CHECK(f.column == 12);
    CHECK(f.end_line == 12);
    CHECK(f.end_column == 26);
    CHECK(f.level == Level::error);
    CHECK(f.message == "Undefined variable 'undefined_name'");
  }
}

TEST_CASE("json2 with no messages is an empty report, a json2 without a list is an error") {
  CHECK(parse_pylint_json(R"({"messages": [], "statistics": {"modulesLinted": 1}})").empty());
  CHECK_THROWS(parse_pylint_json(R"({"messages": {}})"));
  CHECK_THROWS(parse_pylint_json(R"({"statistics": {}})"));
}

TEST_CASE("Bandit 1.7.10's JSON: issue_cwe, columns and the nosec'd finding reported") {
  auto report = parse_bandit_json(tool_output("bandit-1.7.10.json"));
  REQUIRE(report.findings.size() == 3);
  const Finding& b404 = report.findings[0];
  CHECK(b404.rule_id == "B404");
  CHECK(b404.path == "app/shell.py"); // 1.7 prints "././app/shell.py"
  CHECK(b404.cwe == 78);
  CHECK(b404.column == 1);
  CHECK(b404.end_column == 18);
  const Finding& b602 = report.findings[1];
  CHECK(b602.rule_id == "B602");
  CHECK(b602.line == 7);
  CHECK(b602.column == 12);
  CHECK(b602.end_line == 0);
  CHECK(b602.end_column == 48);
  CHECK(b602.level == Level::error);
  CHECK(b602.confidence == "HIGH");
  CHECK(report.findings[2].line == 17);
  CHECK(report.errors.empty());
}

TEST_CASE("Bandit 1.6.2's JSON: the table's CWE, no columns") {
  auto report = parse_bandit_json(tool_output("bandit-1.6.2.json"));
  REQUIRE(report.findings.size() == 3);
  const Finding& b602 = report.findings[1];
  CHECK(b602.rule_id == "B602");
  CHECK(b602.cwe == 78);
  CHECK(b602.column == 1);
  CHECK(b602.end_column == 0);
}

TEST_CASE("issue_cwe wins over the table; an empty or zero one falls back to it") {
  auto report = parse_bandit_json(R"({"results": [
    {"test_id": "B602", "issue_cwe": {"id": 77, "link": ""}, "filename": "a.py", "line_number": 1},
    {"test_id": "B602", "issue_cwe": {}, "filename": "a.py", "line_number": 2},
    {"test_id": "B602", "issue_cwe": {"id": 0}, "filename": "a.py", "line_number": 3},
    {"test_id": "B999", "filename": "a.py", "line_number": 4, "col_offset": -3, "end_col_offset": 2147483647}]})");
  REQUIRE(report.findings.size() == 4);
  CHECK(report.findings[0].cwe == 77);
  CHECK(report.findings[1].cwe == 78);
  CHECK(report.findings[2].cwe == 78);
  CHECK_FALSE(report.findings[3].cwe);
  CHECK(report.findings[3].column == 1);
  CHECK(report.findings[3].end_column == 0);
}
