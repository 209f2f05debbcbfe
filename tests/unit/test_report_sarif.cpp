#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include "analyzers/bandit/cwe_table.h"
#include "report/reports.h"
#include "report/rules.h"
#include "report/sarif_limits.h"
#include "report_fixture.h"

using namespace codegate;

namespace {

// The golden file holds a placeholder for codegate's own version so a release does not touch it.
std::string without_version(std::string sarif) {
  const std::string version = std::string("\"version\": \"") + CODEGATE_VERSION + "\"";
  for (auto at = sarif.find(version); at != std::string::npos; at = sarif.find(version, at))
    sarif.replace(at, version.size(), "\"version\": \"@CODEGATE_VERSION@\"");
  return sarif;
}

const rapidjson::Value& run_named(const rapidjson::Document& doc, const std::string& name) {
  for (const auto& run : doc["runs"].GetArray())
    if (name == run["tool"]["driver"]["name"].GetString()) return run;
  FAIL("no run for " << name);
  return doc;
}

} // namespace

TEST_CASE("SARIF report matches the golden file") {
  auto sarif = render_sarif(test::sample_result());
  // The golden file must not pin the version string of codegate itself.
  REQUIRE(sarif.find(CODEGATE_VERSION) != std::string::npos);
  test::check_golden("report.sarif", without_version(sarif));
}

TEST_CASE("SARIF report has one run per tool that ran, reported results only, CWE tags and scores") {
  auto text = render_sarif(test::sample_result());
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string(doc["version"].GetString()) == "2.1.0");
  REQUIRE(doc["runs"].Size() == 3); // pylint, bandit, codegate; the skipped intent run has none

  const auto& bandit = run_named(doc, "bandit");
  REQUIRE(bandit["results"].Size() == 2); // B602 and B311; the context-line B404 is not reported
  const auto& b602 = bandit["results"][0];
  CHECK(std::string(b602["ruleId"].GetString()) == "B602");
  const auto& rule = bandit["tool"]["driver"]["rules"][b602["ruleIndex"].GetInt()];
  CHECK(std::string(rule["id"].GetString()) == "B602");
  CHECK(std::string(rule["properties"]["security-severity"].GetString()) == "8.0");
  CHECK(std::string(rule["properties"]["tags"][1].GetString()) == "external/cwe/cwe-78");

  const auto& b311 = bandit["results"][1];
  CHECK(std::string(b311["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].GetString()) ==
        "src/my%20m%C3%B3dulo.py");

  const auto& pylint = run_named(doc, "pylint");
  CHECK(pylint["results"].Size() == 1); // the C0114 outside the diff is left out
  const auto& codegate = run_named(doc, "codegate");
  CHECK(std::string(codegate["results"][0]["ruleId"].GetString()) == "codegate/missing-docstring");
  CHECK(std::string(codegate["properties"]["notes"][0].GetString()) == "intent check skipped: no LLM configured");
}

TEST_CASE("SARIF security-severity follows the highest Bandit severity seen for the rule") {
  CheckResult result;
  result.tools = {{"bandit", "1.6.2", ToolStatus::ok, ""}};
  for (const char* severity : {"LOW", "MEDIUM"}) {
    Finding f;
    f.tool = "bandit";
    f.rule_id = "B608";
    f.rule_name = "hardcoded_sql_expressions";
    f.cwe = 89;
    f.tool_severity = severity;
    f.confidence = "LOW";
    f.path = "db.py";
    f.message = "Possible SQL injection vector through string-based query construction.";
    f.filter.reported = true;
    result.findings.push_back(f);
  }
  auto text = render_sarif(result);
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(doc.HasParseError());
  const auto& rules = doc["runs"][0]["tool"]["driver"]["rules"];
  REQUIRE(rules.Size() == 1);
  CHECK(std::string(rules[0]["properties"]["security-severity"].GetString()) == "5.5");
  CHECK(std::string(rules[0]["properties"]["precision"].GetString()) == "low");
}

TEST_CASE("SARIF URIs percent-encode everything but unreserved characters and '/'") {
  CheckResult result;
  Finding f;
  f.tool = "pylint";
  f.rule_id = "E0001";
  f.path = "dir with space/a%b#c?d:e\xE2\x82\xAC.py";
  f.message = "syntax-error";
  f.filter.reported = true;
  result.findings.push_back(f);
  auto text = render_sarif(result);
  CHECK(text.find("\"uri\": \"dir%20with%20space/a%25b%23c%3Fd%3Ae%E2%82%AC.py\"") != std::string::npos);
}

TEST_CASE("cwe_name knows every CWE the Bandit table can produce") {
  for (int test = 100; test < 1000; ++test) {
    auto cwe = bandit_cwe("B" + std::to_string(test));
    if (cwe) CHECK_MESSAGE(!cwe_name(*cwe).empty(), "CWE-" << *cwe << " of B" << test << " has no name");
  }
  CHECK(cwe_name(1).empty());
}

TEST_CASE("SARIF inside GitHub's limits: results a run, then halved until the gzipped file fits") {
  CheckResult result;
  result.tools.push_back({"bandit", "1.7.10", ToolStatus::ok, "", 0});
  for (int i = 0; i < 40; ++i) {
    Finding f;
    f.tool = "bandit";
    f.rule_id = "B" + std::to_string(100 + i);
    f.path = "a.py";
    f.line = i + 1;
    f.level = i == 39 ? Level::error : Level::note;
    f.fails_gate = i == 39;
    // Random-looking text that gzip cannot shrink much.
    for (int k = 0; k < 60; ++k) f.message += static_cast<char>('a' + (i * 7919 + k * 104729) % 26);
    f.filter.reported = true;
    result.findings.push_back(f);
  }
  SarifLimits limits;
  limits.results_per_run = 30;
  SarifDocument capped = render_sarif_within(result, limits);
  CHECK(capped.results_left_out == 10);
  rapidjson::Document doc;
  doc.Parse(capped.text.c_str());
  const auto& run = run_named(doc, "bandit");
  CHECK(run["results"].Size() == 30);
  CHECK(run["properties"]["resultsLeftOut"].GetInt() == 10);
  // The failing finding, last in report order, is kept.
  CHECK(std::string(run["results"][29]["ruleId"].GetString()) == "B139");

  SarifDocument whole = render_sarif_within(result, {});
  CHECK(whole.results_left_out == 0);
  limits.results_per_run = 40;
  limits.max_gzipped_bytes = 1; // nothing fits: halved down to no results, still a valid file
  SarifDocument emptied = render_sarif_within(result, limits);
  CHECK(emptied.results_left_out == 40);
  rapidjson::Document empty;
  empty.Parse(emptied.text.c_str());
  REQUIRE_FALSE(empty.HasParseError());
  CHECK(run_named(empty, "bandit")["results"].Size() == 0);
  CHECK(sarif_left_out_note(emptied.results_left_out).find("leaves out 40 results") != std::string::npos);
  CHECK(sarif_left_out_note(0).empty());
}
