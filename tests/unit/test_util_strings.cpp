#include <doctest/doctest.h>

#include "util/strings.h"

using namespace codegate::util;

TEST_CASE("split_lines handles LF, CRLF and a missing final newline") {
  auto lines = split_lines("a\r\nb\nc");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "a");
  CHECK(lines[1] == "b");
  CHECK(lines[2] == "c");
  CHECK(split_lines("").empty());
}

TEST_CASE("plural names the count with the word for it") {
  CHECK(plural(1, "unit", "units") == "1 unit");
  CHECK(plural(0, "unit", "units") == "0 units");
  CHECK(plural(2, "unit is", "units are") == "2 units are");
}

TEST_CASE("to_valid_utf8 keeps valid text and replaces invalid bytes") {
  CHECK(to_valid_utf8("h\xC3\xA9llo") == "h\xC3\xA9llo");
  CHECK(to_valid_utf8("caf\xE9!") == "caf\xEF\xBF\xBD!");
  CHECK(to_valid_utf8("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");
  CHECK(to_valid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("the fence is longer than any backtick run in the content") {
  CHECK(fence_for("plain") == "```");
  CHECK(fence_for("x = '```'\n````") == "`````");
}

TEST_CASE("window_utf8 cuts a long line around a byte offset, never inside a character") {
  CHECK(window_utf8("short", 2, 10) == "short");
  std::string line(100, 'a');
  line.replace(60, 3, "XYZ");
  // A third of the window before the offset, the rest after it.
  CHECK(window_utf8(line, 60, 30) == std::string(10, 'a') + "XYZ" + std::string(17, 'a'));
  CHECK(window_utf8(line, 0, 30) == std::string(30, 'a'));
  CHECK(window_utf8(line, 99, 30).size() == 30); // the window ends with the line
  std::string accents;
  for (int i = 0; i < 20; ++i) accents += "\xC3\xA9"; // é: two bytes each
  CHECK(window_utf8(accents, 0, 7) == "\xC3\xA9\xC3\xA9\xC3\xA9");
  CHECK(window_utf8(accents, 11, 7) == "\xC3\xA9\xC3\xA9\xC3\xA9");
}
