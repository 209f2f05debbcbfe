#include <doctest/doctest.h>

#include "analyzers/pylint/pylint_pragmas.h"

using namespace codegate;

namespace {

std::string neutral(std::string_view source) { return neutralize_blinding_pragmas(source).value_or("(unchanged)"); }

} // namespace

TEST_CASE("pragmas that blind the gate are blanked, keeping every line's length") {
  CHECK(neutral("# pylint: skip-file\nx = 1\n") == "# pylint           \nx = 1\n");
  CHECK(neutral("#pylint:disable-all\n") == "#pylint            \n");
  CHECK(neutral("# pylint: disable=all\n") == "# pylint             \n");
  CHECK(neutral("x = f()  # pylint: disable=suppressed-message,eval-used\n") ==
        "x = f()  # pylint: disable=                  ,eval-used\n");
  CHECK(neutral("# pylint: disable=I0020\n") == "# pylint               \n");
  CHECK(neutral("# pylint: disable=I\n") == "# pylint           \n");
  CHECK(neutral("# pylint: disable=main, W0123\n") == "# pylint: disable=    , W0123\n");
  CHECK(neutral("    # pylint: disable-next=all\n") == "    # pylint                  \n");
  CHECK(neutral("# pylint: disable-msg=ALL\n") == "# pylint                 \n");
  // Two keywords: the one that blinds goes, the other stays.
  CHECK(neutral("# pylint: skip-file disable=eval-used\n") == "# pylint:           disable=eval-used\n");
  CHECK(neutral("# pylint: disable=all enable=eval-used\n") == "# pylint:             enable=eval-used\n");
  // Anything after "pylint:" in a comment counts, as for Pylint; up to ';' or the next '#'.
  CHECK(neutral("x = 1  # noqa: E1 -- pylint: disable=all; why\n") ==
        "x = 1  # noqa: E1 -- pylint             ; why\n");
  CHECK(neutral("x = 1  # a # pylint: disable=all # b pylint: disable=eval-used\n") ==
        "x = 1  # a # pylint              # b pylint: disable=eval-used\n");
}

TEST_CASE("pragmas that do not blind the gate are left alone") {
  CHECK_FALSE(neutralize_blinding_pragmas("x = 1\n"));
  CHECK_FALSE(neutralize_blinding_pragmas("x = 1  # pylint: disable=eval-used,W0611\n"));
  CHECK_FALSE(neutralize_blinding_pragmas("# pylint: disable=E,W\n"));
  CHECK_FALSE(neutralize_blinding_pragmas("# pylint: enable=all\n"));
  CHECK_FALSE(neutralize_blinding_pragmas("# pylint: disable=overall,allowed\n"));
  CHECK_FALSE(neutralize_blinding_pragmas("# mypylint: disable=all\n")); // not "\bpylint:"
  CHECK_FALSE(neutralize_blinding_pragmas("# pylint disable=all\n"));
  CHECK_FALSE(neutralize_blinding_pragmas("x = 'pylint: disable=all'\n")); // no '#' before it
}

TEST_CASE("each blinding pragma is found with its place and reach") {
  auto found = find_blinding_pragmas(
      "\"\"\"Doc.\"\"\"\n"
      "# pylint: disable=all\n"
      "def f():\n"
      "    # pylint: disable=suppressed-message\n"
      "    return eval(x)  # pylint: disable=all\n"
      "# pylint: skip-file\n");
  REQUIRE(found.size() == 4);
  CHECK(found[0].line == 2);
  CHECK(found[0].everything);
  CHECK(found[0].own_line);
  CHECK(found[0].whole_file);
  CHECK(found[1].line == 4);
  CHECK_FALSE(found[1].everything);
  CHECK(found[1].messages == std::vector<std::string>{"suppressed-message"});
  CHECK_FALSE(found[1].whole_file);
  CHECK(found[2].line == 5);
  CHECK(found[2].everything);
  CHECK_FALSE(found[2].own_line);
  CHECK_FALSE(found[2].whole_file);
  CHECK(found[3].action == "skip-file");
  CHECK(found[3].whole_file);
}

TEST_CASE("the lines a blinding pragma covers follow Pylint's scopes") {
  const std::string source =
      "import os\n"                       // 1
      "def f():\n"                        // 2
      "    x = 1\n"                       // 3
      "    # pylint: disable=all\n"       // 4
      "    y = eval(x)\n"                 // 5
      "\n"                                // 6
      "    return y\n"                    // 7
      "def g():  # pylint: disable=all\n" // 8
      "    return eval('1')\n"            // 9
      "z = 1  # pylint: disable=all\n"    // 10
      "# pylint: disable-next=all\n"      // 11
      "w = eval('2')\n"                   // 12
      "v = 3\n";                          // 13
  auto found = find_blinding_pragmas(source);
  REQUIRE(found.size() == 4);
  auto range = [&](std::size_t i) {
    LineRange r = covered_lines(found[i], source);
    return std::to_string(r.first) + "-" + std::to_string(r.last);
  };
  CHECK(range(0) == "4-7");   // the rest of f's block
  CHECK(range(1) == "8-9");   // the block g's line opens
  CHECK(range(2) == "10-10"); // its own line
  CHECK(range(3) == "12-12"); // the next line
  auto module = find_blinding_pragmas("x = 1\n# pylint: disable=all\ny = 2\n");
  REQUIRE(module.size() == 1);
  CHECK(covered_lines(module[0], "x = 1\n# pylint: disable=all\ny = 2\n").first == 2);
  CHECK(covered_lines(module[0], "x = 1\n# pylint: disable=all\ny = 2\n").last > 3);
}
