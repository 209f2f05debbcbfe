#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include "report/reports.h"
#include "report_fixture.h"

using namespace codegate;

TEST_CASE("JSON report lists every finding with its filter annotations") {
  test::check_golden("report.json", render_json(test::sample_result()));
}

TEST_CASE("JSON report keeps unreported findings and stays valid JSON with invalid UTF-8 input") {
  auto result = test::sample_result();
  result.findings[0].message = "caf\xE9"; // a Latin-1 byte from a tool
  result.head_sha.clear();                // --staged
  auto text = render_json(result);
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(doc["findings"].Size() == 6);
  CHECK(doc["head"].IsNull());
  CHECK(doc["summary"]["outside_diff"].GetInt() == 2);
  bool found = false;
  for (const auto& f : doc["findings"].GetArray())
    if (std::string(f["message"].GetString()) == "caf\xEF\xBF\xBD") found = true;
  CHECK(found);
}
