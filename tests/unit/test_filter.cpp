#include <doctest/doctest.h>

#include "filter/diff_filter.h"
#include "filter/fingerprint.h"

using namespace codegate;

namespace {
Finding at(const std::string& path, int line) {
  Finding f;
  f.tool = "pylint";
  f.rule_id = "E0602";
  f.path = path;
  f.line = line;
  return f;
}

ChangeSet change() {
  ChangeSet changes;
  ChangedFile file;
  file.path = "a.py";
  file.added_lines = {5};
  file.context_lines = {2, 3, 4, 5, 6, 7, 8};
  changes.files.push_back(file);
  return changes;
}
} // namespace

TEST_CASE("each filter mode reports what reviewdog's does and annotates everything") {
  std::vector<Finding> findings = {at("a.py", 5), at("a.py", 7), at("a.py", 20), at("b.py", 1)};
  annotate(findings, change(), FilterMode::added);
  CHECK(findings[0].filter.reported);
  CHECK_FALSE(findings[1].filter.reported);
  CHECK(findings[1].filter.in_diff_context);
  CHECK(findings[2].filter.in_changed_file);
  CHECK_FALSE(findings[2].filter.in_diff_context);
  CHECK_FALSE(findings[3].filter.in_changed_file);

  annotate(findings, change(), FilterMode::diff_context);
  CHECK(findings[1].filter.reported);
  CHECK_FALSE(findings[2].filter.reported);
  annotate(findings, change(), FilterMode::file);
  CHECK(findings[2].filter.reported);
  CHECK_FALSE(findings[3].filter.reported);
  annotate(findings, change(), FilterMode::nofilter);
  CHECK(findings[3].filter.reported);
}

TEST_CASE("fingerprints survive line shifts and tell repeated findings apart") {
  std::vector<Finding> before = {at("a.py", 3), at("a.py", 9)};
  before[0].snippet = "x = undefined_name\n";
  before[1].snippet = "x  =  undefined_name\n";
  std::vector<Finding> after = before;
  after[0].line += 10;
  after[1].line += 10;
  assign_fingerprints(before);
  assign_fingerprints(after);
  CHECK(before[0].fingerprint == after[0].fingerprint);
  CHECK(before[1].fingerprint == after[1].fingerprint);
  CHECK(before[0].fingerprint != before[1].fingerprint);
  CHECK(before[0].fingerprint.size() == 16);
}

TEST_CASE("a finding whose region touches an added line is reported, as in reviewdog") {
  std::vector<Finding> findings = {at("a.py", 3)};
  findings[0].end_line = 6; // e.g. a whole function whose body line 5 changed
  annotate(findings, change(), FilterMode::added);
  CHECK(findings[0].filter.on_added_line);
  CHECK(findings[0].filter.reported);
  findings[0].end_line = 4;
  annotate(findings, change(), FilterMode::added);
  CHECK_FALSE(findings[0].filter.reported);
  CHECK(findings[0].filter.in_diff_context);
}
