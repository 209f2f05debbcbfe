#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include "report/reports.h"
#include "report_fixture.h"

using namespace codegate;

TEST_CASE("rdjson report matches the golden file") {
  test::check_golden("report.rdjson", render_rdjson(test::sample_result()));
}

TEST_CASE("rdjson report: reported findings as diagnostics with ranges, codes and suggestions") {
  auto text = render_rdjson(test::sample_result());
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string(doc["source"]["name"].GetString()) == "codegate");
  const auto& diagnostics = doc["diagnostics"];
  for (const auto& d : diagnostics.GetArray()) {
    CHECK(d["location"]["range"]["start"]["line"].GetInt() >= 1);
    CHECK(d["location"]["range"]["start"]["column"].GetInt() >= 1);
  }
  const rapidjson::Value* e0602 = nullptr;
  const rapidjson::Value* b602 = nullptr;
  for (const auto& d : diagnostics.GetArray()) {
    if (std::string(d["code"]["value"].GetString()) == "E0602") e0602 = &d;
    if (std::string(d["code"]["value"].GetString()) == "B602") b602 = &d;
  }
  REQUIRE(e0602 != nullptr);
  REQUIRE(b602 != nullptr);
  CHECK(std::string((*e0602)["severity"].GetString()) == "ERROR");
  CHECK((*e0602)["location"]["range"]["end"]["column"].GetInt() == 26);
  CHECK(std::string((*e0602)["source"]["name"].GetString()) == "pylint");
  // The refine revision that fixes B602 is a line-wise suggestion: no columns, text with its line end.
  REQUIRE(b602->HasMember("suggestions"));
  const auto& suggestion = (*b602)["suggestions"][0];
  CHECK_FALSE(suggestion["range"]["start"].HasMember("column"));
  CHECK(std::string(suggestion["text"].GetString()) == "    subprocess.call(cmd.split())\n");
}

TEST_CASE("rdjson report of a run without findings has an empty diagnostics list") {
  auto text = render_rdjson(CheckResult{});
  CHECK(text.find("\"diagnostics\": []") != std::string::npos);
}
