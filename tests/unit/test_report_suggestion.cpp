#include <doctest/doctest.h>

#include "report/suggestion.h"

using namespace codegate;

namespace {

FileFix fix(const std::string& original, const std::string& revised) {
  return FileFix{"app/shell.py", original, revised, 2, {"fp1", "fp2"}};
}

std::vector<std::string> lines(std::initializer_list<const char*> items) { return {items.begin(), items.end()}; }

} // namespace

TEST_CASE("a replaced line becomes a one-line suggestion") {
  auto out = suggestions_for(fix("a\nb\nc\n", "a\nB\nc\n"));
  REQUIRE(out.size() == 1);
  CHECK(out[0].start_line == 2);
  CHECK(out[0].end_line == 2);
  CHECK(out[0].replacement == lines({"B"}));
  CHECK(out[0].round == 2);
  CHECK(out[0].fixed_fingerprints.size() == 2);
}

TEST_CASE("changes two lines apart merge into one suggestion; farther ones stay apart") {
  auto merged = suggestions_for(fix("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\nX\n3\n4\nY\n6\n7\n8\n9\n"));
  REQUIRE(merged.size() == 1);
  CHECK(merged[0].start_line == 2);
  CHECK(merged[0].end_line == 5);
  CHECK(merged[0].replacement == lines({"X", "3", "4", "Y"}));
  auto apart = suggestions_for(fix("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "X\n2\n3\n4\n5\n6\n7\n8\nY\n"));
  REQUIRE(apart.size() == 2);
  CHECK(apart[0].start_line == 1);
  CHECK(apart[1].start_line == 9);
}

TEST_CASE("an insertion is anchored on the line above it, or below it at the top of the file") {
  auto below = suggestions_for(fix("a\nb\n", "a\nnew\nb\n"));
  REQUIRE(below.size() == 1);
  CHECK(below[0].start_line == 1);
  CHECK(below[0].end_line == 1);
  CHECK(below[0].replacement == lines({"a", "new"}));
  auto top = suggestions_for(fix("a\nb\n", "new\na\nb\n"));
  REQUIRE(top.size() == 1);
  CHECK(top[0].start_line == 1);
  CHECK(top[0].replacement == lines({"new", "a"}));
}

TEST_CASE("a deletion is an empty replacement; a change of only the final newline is none") {
  auto deleted = suggestions_for(fix("a\nb\nc\n", "a\nc\n"));
  REQUIRE(deleted.size() == 1);
  CHECK(deleted[0].start_line == 2);
  CHECK(deleted[0].end_line == 2);
  CHECK(deleted[0].replacement.empty());
  CHECK(suggestions_for(fix("a\nb", "a\nb\n")).empty());
  CHECK(suggestions_for(fix("a\n", "a\n")).empty());
}

TEST_CASE("a suggestion fits only when every line it replaces is on the diff") {
  Suggestion s;
  s.start_line = 3;
  s.end_line = 5;
  CHECK(fits_lines(s, {2, 3, 4, 5}));
  CHECK_FALSE(fits_lines(s, {3, 5}));
}
