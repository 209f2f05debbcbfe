// check --shard's split, the JSON report read back, and codegate merge's combination of shards.

#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>

#include "core/error.h"
#include "pipeline/merge.h"
#include "pipeline/shard.h"
#include "report/json_reader.h"
#include "report/reports.h"
#include "report_fixture.h"

using namespace codegate;

namespace {

std::vector<SizedFile> numbered_files(int count, std::uint64_t bytes) {
  std::vector<SizedFile> files;
  for (int i = 0; i < count; ++i) files.push_back({"pkg/module_" + std::to_string(i) + ".py", bytes + static_cast<std::uint64_t>(i) * 37});
  return files;
}

std::vector<std::uint64_t> loads(const std::vector<SizedFile>& files, const std::vector<int>& shards, int count) {
  std::vector<std::uint64_t> load(static_cast<std::size_t>(count), 0);
  for (std::size_t i = 0; i < files.size(); ++i) load[static_cast<std::size_t>(shards[i] - 1)] += files[i].bytes;
  return load;
}

// The sample result without what a shard never has (refine revisions), as one shard of `count`.
CheckResult as_shard(CheckResult result, int index, int count, const std::vector<std::string>& paths, int change_files) {
  result.fixes.clear();
  result.fix_mode.reset();
  std::vector<std::string> checked;
  for (const auto& path : result.checked_files)
    if (std::find(paths.begin(), paths.end(), path) != paths.end()) checked.push_back(path);
  result.checked_files = checked;
  std::vector<Finding> findings;
  for (const auto& f : result.findings)
    if (std::find(paths.begin(), paths.end(), f.path) != paths.end()) findings.push_back(f);
  result.findings = findings;
  std::vector<std::string> docstrings;
  for (const auto& entry : result.missing_docstrings)
    for (const auto& path : paths)
      if (entry.rfind(path + ":", 0) == 0) docstrings.push_back(entry);
  result.missing_docstrings = docstrings;
  result.failed = std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.fails_gate; });
  ShardInfo shard{index, count, change_files, {}};
  for (const auto& path : paths) {
    ChangedFile file;
    file.path = path;
    file.old_path = path;
    file.added_lines = {1, 2, 3};
    file.context_lines = {1, 2, 3, 4};
    shard.changes.push_back(file);
  }
  result.shard = shard;
  return result;
}

std::string merge_error(const std::vector<ShardReport>& shards) {
  try {
    merge_shards(shards);
  } catch (const ToolError& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST_CASE("--shard takes K/N with 1 <= K <= N <= 256") {
  REQUIRE(parse_shard("2/3"));
  CHECK(parse_shard("2/3")->index == 2);
  CHECK(parse_shard("2/3")->count == 3);
  CHECK(parse_shard("1/1"));
  CHECK(parse_shard("256/256"));
  for (const char* bad : {"", "3", "0/3", "4/3", "1/0", "1/257", "a/3", "1/3x", "-1/3", "1//3", " 1/3"})
    CHECK_MESSAGE(!parse_shard(bad), bad);
}

TEST_CASE("shards are balanced by size, every file in exactly one, the same split every time") {
  auto files = numbered_files(60, 4000);
  files[7].bytes = 40000; // one large file
  auto shards = assign_shards(files, 3);
  REQUIRE(shards.size() == files.size());
  CHECK(std::all_of(shards.begin(), shards.end(), [](int s) { return s >= 1 && s <= 3; }));
  CHECK(assign_shards(files, 3) == shards);
  auto load = loads(files, shards, 3);
  std::uint64_t total = std::accumulate(load.begin(), load.end(), std::uint64_t{0});
  for (auto l : load) {
    CHECK(l * 4 <= total * 5 / 3 + 4); // no shard above 5/4 of an even share
    CHECK(l * 2 >= total / 3);         // nor starved
  }
  // The order the files are given in does not matter.
  auto reversed = files;
  std::reverse(reversed.begin(), reversed.end());
  auto again = assign_shards(reversed, 3);
  std::reverse(again.begin(), again.end());
  CHECK(again == shards);
}

TEST_CASE("a push that adds a file keeps almost every other file on its shard") {
  auto files = numbered_files(90, 3000);
  auto before = assign_shards(files, 4);
  files.push_back({"pkg/new_module.py", 3100});
  auto after = assign_shards(files, 4);
  int moved = 0;
  for (std::size_t i = 0; i + 1 < files.size(); ++i) moved += before[i] != after[i] ? 1 : 0;
  CHECK(moved <= 5);
}

TEST_CASE("one shard, or no files, is the whole change in shard 1") {
  CHECK(assign_shards(numbered_files(5, 100), 1) == std::vector<int>(5, 1));
  CHECK(assign_shards({}, 3).empty());
  // More shards than files: each file somewhere, some shards empty.
  auto shards = assign_shards(numbered_files(2, 100), 5);
  CHECK(shards.size() == 2);
}

TEST_CASE("the JSON report reads back into the result every reporter renders the same") {
  CheckResult result = test::sample_result();
  result.fixes.clear(); // refined files are not read back: a shard never refines
  result.fix_mode.reset();
  result.tools[0].cached_files = 2;
  auto read = parse_json_report(render_json(result));
  REQUIRE_MESSAGE(read.ok(), (read.ok() ? "" : read.error()));
  CHECK(render_json(*read) == render_json(result));
  CHECK(render_sarif(*read) == render_sarif(result));
  CHECK(render_markdown(*read) == render_markdown(result));
  CHECK(render_text(*read, false) == render_text(result, false));
  CHECK(render_junit(*read) == render_junit(result));
  CHECK(render_rdjson(*read) == render_rdjson(result));

  auto shard = as_shard(test::sample_result(), 2, 3, {"src/app.py"}, 2);
  auto shard_read = parse_json_report(render_json(shard));
  REQUIRE(shard_read.ok());
  REQUIRE(shard_read->shard);
  CHECK(shard_read->shard->index == 2);
  CHECK(shard_read->shard->changes.at(0).added_lines == std::set<int>{1, 2, 3});
  CHECK(render_json(*shard_read) == render_json(shard));
}

TEST_CASE("a report that is not one says what is wrong with it") {
  CHECK(parse_json_report("nope").error() == "not JSON (at byte 1)");
  CHECK(parse_json_report("[]").error() == "not a codegate JSON report");
  CHECK(parse_json_report("{\"version\": 2}").error() == "version: not 1 (written by another codegate version)");
  std::string text = render_json(as_shard(test::sample_result(), 1, 1, {"src/app.py"}, 1));
  auto at = text.find("\"line\": 5,");
  REQUIRE(at != std::string::npos);
  text.replace(at, 9, "\"line\": \"5\"");
  CHECK(parse_json_report(text).error() == "findings[4].line: not an integer");
  std::string deep = std::string(100, '[') + std::string(100, ']');
  CHECK(parse_json_report("{\"x\": " + deep + "}").error() == "not a codegate JSON report");
}

TEST_CASE("merge: the shards of a change give the unsharded result") {
  CheckResult whole = test::sample_result();
  whole.fixes.clear();
  whole.fix_mode.reset();
  const std::string second = whole.checked_files[1];
  std::vector<ShardReport> shards = {{"b.json", as_shard(whole, 2, 2, {second, "src/broken.py"}, 3)},
                                     {"a.json", as_shard(whole, 1, 2, {"src/app.py"}, 3)}};
  shards[0].result.tools[0].cached_files = 1;
  shards[1].result.tools[0].cached_files = 1;
  CheckResult merged = merge_shards(shards);
  CHECK_FALSE(merged.shard);
  CHECK(merged.tools[0].cached_files == 2);
  merged.tools[0].cached_files = 0;
  CHECK(render_json(merged) == render_json(whole));
  CHECK(render_sarif(merged) == render_sarif(whole));
  ChangeSet changes = merged_changes(shards);
  REQUIRE(changes.files.size() == 3);
  CHECK(changes.files[0].path == "src/app.py");
  CHECK(changes.find(second) != nullptr);
}

TEST_CASE("merge: a missing, repeated or foreign shard fails the merge and is named") {
  CheckResult whole = test::sample_result();
  auto part = [&](int index, int count, std::vector<std::string> paths, int files) {
    return as_shard(whole, index, count, std::move(paths), files);
  };
  CHECK(merge_error({{"1.json", part(1, 3, {"src/app.py"}, 3)}, {"3.json", part(3, 3, {"src/broken.py"}, 3)}}) ==
        "shard 2/3 is missing: its job failed or its report was not downloaded; no verdict without every part");
  CHECK(merge_error({{"1.json", part(1, 3, {"src/app.py"}, 3)}}) ==
        "shards 2/3, 3/3 are missing: its job failed or its report was not downloaded; no verdict without every part");
  CHECK(merge_error({{"1.json", part(1, 2, {"src/app.py"}, 2)}, {"1b.json", part(1, 2, {"src/app.py"}, 2)}}) ==
        "shard 1/2 is given twice: 1.json and 1b.json");
  auto other_change = part(2, 2, {"src/broken.py"}, 2);
  other_change.head_sha = "3333333333333333333333333333333333333333";
  CHECK(merge_error({{"1.json", part(1, 2, {"src/app.py"}, 2)}, {"2.json", other_change}}) ==
        "shard 2/2 (2.json) is about another change than shard 1/2 (1.json): merge the shards of one run");
  CHECK(merge_error({{"1.json", part(1, 2, {"src/app.py"}, 2)}, {"2.json", part(2, 3, {"src/broken.py"}, 2)}}) ==
        "shard 2/3 (2.json) is about another split (--shard K/3) than shard 1/2 (1.json): merge the shards of one run");
  CHECK(merge_error({{"1.json", part(1, 2, {"src/app.py"}, 3)}, {"2.json", part(2, 2, {"src/broken.py"}, 3)}}) ==
        "the shards hold 2 files, the change has 3: they were not split from one change");
  auto other_pylint = part(2, 2, {"src/broken.py"}, 2);
  other_pylint.tools[0].version = "3.3.4";
  CHECK(merge_error({{"1.json", part(1, 2, {"src/app.py"}, 2)}, {"2.json", other_pylint}}) ==
        "pylint 3.3.4 ran in 2.json, 2.16.2 in 1.json: every shard must run in the same image");
  CHECK_THROWS_AS(merge_shards({}), UsageError);
}
