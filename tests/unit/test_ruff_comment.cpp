// Ruff's suppression comments (analyzers/ruff_comment): `# ruff: ignore[...]`, `file-ignore`, and
// the `disable`/`enable` ranges, as Ruff's documentation specifies them, by code or by name.

#include <doctest/doctest.h>

#include <string>

#include "analyzers/ruff_comment.h"
#include "util/strings.h"

using namespace codegate;

namespace {

const RuffRule& s310() { return *ruff_rule_named("S310"); }
const RuffRule& s602() { return *ruff_rule_named("S602"); }

// "line:comment" of the suppression covering `line` for `rule` in `source`; "" when none covers it.
std::string covering(const std::string& source, int line, const RuffRule& rule) {
  RuffComments comments(util::split_lines(source));
  auto s = comments.covering(line, line, rule);
  return s ? std::to_string(s->line) + ":" + s->comment : "";
}

} // namespace

TEST_CASE("a trailing ruff: ignore covers its line, by name or by code, and only the rules it names") {
  std::string src =
      "import urllib.request\n"
      "urllib.request.urlopen(url)  # ruff:ignore[suspicious-url-open-usage]\n"
      "urllib.request.urlopen(url)  # ruff: ignore[E501, S310,]  # fetched from config\n"
      "urllib.request.urlopen(url)  # ruff: ignore[S602]\n"
      "urllib.request.urlopen(url)\n";
  CHECK(covering(src, 2, s310()) == "2:# ruff:ignore[suspicious-url-open-usage]");
  CHECK(covering(src, 3, s310()) == "3:# ruff: ignore[E501, S310,]  # fetched from config");
  CHECK(covering(src, 4, s310()) == "");
  CHECK(covering(src, 4, s602()) == "4:# ruff: ignore[S602]");
  CHECK(covering(src, 5, s310()) == "");
}

TEST_CASE("what is not Ruff's comment covers nothing") {
  CHECK(covering("x = '# ruff: ignore[S310]'\n", 1, s310()) == "");                 // in a string
  CHECK(covering("x = 1  # Ruff: ignore[S310]\n", 1, s310()) == "");                // case-sensitive
  CHECK(covering("x = 1  # ruff: ignore S310\n", 1, s310()) == "");                 // no brackets
  CHECK(covering("x = 1  # ruff: ignore[s310]\n", 1, s310()) == "");                // codes are case-sensitive
  CHECK(covering("x = 1  # ruff: ignore[suspicious url]\n", 1, s310()) == "");      // not a list
  CHECK(covering("x = 1  # ruff: ignore[]\n", 1, s310()) == "");                    // no rule
  CHECK(covering("x = '''\n# ruff: file-ignore[S310]\n'''\ny\n", 4, s310()) == ""); // in a docstring
  CHECK(covering("x = 1  # noqa: E501  # ruff: ignore[S310]\n", 1, s310()) == "1:# ruff: ignore[S310]");
}

TEST_CASE("an own-line ruff: ignore covers the next logical line; inside a statement, the next line") {
  std::string src =
      "# ruff: ignore[S602]\n"             // 1
      "# a reason\n"                       // 2
      "subprocess.call(\n"                 // 3
      "    cmd,\n"                         // 4
      "    shell=True)\n"                  // 5
      "subprocess.call(cmd, shell=True)\n" // 6
      "f(\n"                               // 7
      "    # ruff: ignore[S310]\n"         // 8
      "    urlopen(a),\n"                  // 9
      "    urlopen(b))\n";                 // 10
  CHECK(covering(src, 3, s602()) == "1:# ruff: ignore[S602]");
  CHECK(covering(src, 5, s602()) == "1:# ruff: ignore[S602]");
  CHECK(covering(src, 6, s602()) == "");
  CHECK(covering(src, 9, s310()) == "8:# ruff: ignore[S310]");
  CHECK(covering(src, 10, s310()) == "");
  CHECK(covering(src, 7, s310()) == "");
}

TEST_CASE("ruff: file-ignore covers the file from module scope only") {
  CHECK(covering("\"\"\"Doc.\"\"\"\n# ruff: file-ignore[S310, unused-import]\n\n\nurlopen(u)\n", 5, s310()) ==
        "2:# ruff: file-ignore[S310, unused-import]");
  CHECK(covering("urlopen(u)\n# ruff: file-ignore[S310]\n", 1, s310()) == "2:# ruff: file-ignore[S310]");
  CHECK(covering("def f():\n    # ruff: file-ignore[S310]\n    urlopen(u)\n", 3, s310()) == "");
  CHECK(covering("urlopen(u)  # ruff: file-ignore[S310]\nurlopen(v)\n", 2, s310()) == "");
}

TEST_CASE("ruff: disable ... enable covers the lines between a matching pair") {
  std::string src =
      "urlopen(a)\n"                  // 1
      "# ruff: disable[S310, S602]\n" // 2
      "urlopen(b)\n"                  // 3
      "# ruff: enable[S602, S310]\n"  // 4: other order, ends nothing
      "urlopen(c)\n"                  // 5
      "# ruff: enable[S310, S602]\n"  // 6
      "urlopen(d)\n";                 // 7
  CHECK(covering(src, 1, s310()) == "");
  CHECK(covering(src, 3, s310()) == "2:# ruff: disable[S310, S602]");
  CHECK(covering(src, 5, s310()) == "2:# ruff: disable[S310, S602]");
  CHECK(covering(src, 7, s310()) == "");
}

TEST_CASE("a ruff: disable without its enable ends at the first code indented less") {
  std::string src =
      "def fetch():\n"                                   // 1
      "    # ruff: disable[suspicious-url-open-usage]\n" // 2
      "    urlopen(a)\n"                                 // 3
      "    if a:\n"                                      // 4
      "        urlopen(b)\n"                             // 5
      "\n"                                               // 6
      "urlopen(c)\n";                                    // 7
  CHECK(covering(src, 3, s310()) == "2:# ruff: disable[suspicious-url-open-usage]");
  CHECK(covering(src, 5, s310()) == "2:# ruff: disable[suspicious-url-open-usage]");
  CHECK(covering(src, 7, s310()) == "");
  CHECK(covering("# ruff: disable[S310]\nurlopen(a)\n\n\nurlopen(b)\n", 5, s310()) == "1:# ruff: disable[S310]");
  CHECK(covering("urlopen(a)  # ruff: disable[S310]\nurlopen(b)\n", 2, s310()) == ""); // not on its own line
}

TEST_CASE("a comment on any line of a finding's region covers it: Ruff reports S607 at the argument") {
  RuffComments comments(util::split_lines("subprocess.run(\n    [\"git\", \"push\"],  # ruff: ignore[S607]\n)\n"));
  CHECK(comments.covering(1, 3, *ruff_rule_named("S607"))->line == 2);
  CHECK_FALSE(comments.covering(1, 1, *ruff_rule_named("S607")));
  CHECK_FALSE(comments.covering(3, 3, *ruff_rule_named("S607")));
}

TEST_CASE("Ruff comments become suppressions of the findings whose Ruff rule they name") {
  std::vector<Finding> findings(3);
  findings[0].tool = findings[1].tool = findings[2].tool = "bandit";
  findings[0].rule_id = "B310";
  findings[0].line = 1;
  findings[1].rule_id = "B602";
  findings[1].line = 1;
  findings[2].rule_id = "B310";
  findings[2].line = 1;
  findings[2].suppression = Suppression{1, "# nosec B310"};
  for (auto& f : findings) f.path = "a.py";
  std::map<std::string, std::string> sources{{"a.py", "urlopen(u)  # ruff: ignore[suspicious-url-open-usage]\n"}};
  attach_ruff_suppressions(
      findings, sources, [](const Finding&) { return true; },
      [](const Finding& f) { return ruff_rule_for_bandit(f.rule_id); });
  REQUIRE(findings[0].suppression);
  CHECK(findings[0].suppression->line == 1);
  CHECK(findings[0].suppression->comment == "# ruff: ignore[suspicious-url-open-usage]");
  CHECK_FALSE(findings[1].suppression);
  CHECK(findings[2].suppression->comment == "# nosec B310"); // the line's own comment stays
}
