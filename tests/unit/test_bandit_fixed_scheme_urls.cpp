#include <doctest/doctest.h>

#include "analyzers/bandit/fixed_scheme_urls.h"
#include "python/source_index.h"

using namespace codegate;

namespace {

const std::string k_source =
    "from urllib.request import Request, urlopen, urlretrieve\n" // 1
    "API: str = 'https://api.github.com/repos/x/releases'\n"     // 2
    "BASE = 'http://mirror' + '/pub'\n"                          // 3
    "OTHER = 'https://a'\n"                                      // 4
    "OTHER = 'file:///etc/passwd'\n"                             // 5
    "def fetch(url, name):\n"                                    // 6
    "    urlopen(API, timeout=3)\n"                              // 7
    "    urlopen(url)\n"                                         // 8
    "    urlopen(Request('https://x', headers={}))\n"            // 9
    "    urlopen(Request(url))\n"                                // 10
    "    urlopen(f'https://x/{name}')\n"                         // 11
    "    urlopen(f'{url}/x')\n"                                  // 12
    "    urlopen(BASE); urlopen(url)\n"                          // 13
    "    urlretrieve(url=' https://x')\n"                        // 14
    "    Request(API)\n"                                         // 15
    "    urlopen(*url)\n"                                        // 16
    "    urlopen('file:///etc/passwd')\n"                        // 17
    "    urlopen(OTHER)\n"                                       // 18
    "    urlopen(BASE)\n";                                       // 19

Finding bandit(const std::string& rule, int line) {
  Finding f;
  f.tool = "bandit";
  f.rule_id = rule;
  f.path = "net.py";
  f.line = line;
  return f;
}

} // namespace

TEST_CASE("the source index names the lines where every URL opened has a fixed http(s) scheme") {
  auto index = python::index_python_sources({{"net.py", k_source}});
  REQUIRE(index.size() == 1);
  REQUIRE(index[0].ok);
  // A literal, a name bound once to one, a concatenation or f-string that starts with one, a
  // Request of one; not a parameter, a name bound twice, a starred call or another scheme, and not
  // a line where one call of two has a URL that varies (13).
  CHECK(index[0].fixed_scheme_url_lines == std::vector<int>{7, 9, 11, 14, 15, 19});
}

TEST_CASE("a file that can rebind its names behind the parser resolves none of them") {
  auto index = python::index_python_sources(
      {{"net.py", "URL = 'https://a'\nglobals()['URL'] = 'file:///x'\nurlopen(URL)\nurlopen('https://b')\n"}});
  REQUIRE(index.size() == 1);
  CHECK(index[0].fixed_scheme_url_lines == std::vector<int>{4});
}

TEST_CASE("B310 on a fixed-scheme URL is left out and counted with its places; the rest stays") {
  std::vector<Finding> findings = {bandit("B310", 7), bandit("B310", 8), bandit("B602", 7), bandit("B310", 19)};
  std::set<std::string> asked;
  auto lines = [&](const std::set<std::string>& paths) {
    asked = paths;
    return std::map<std::string, std::vector<int>>{{"net.py", {7, 9, 19}}};
  };
  std::vector<std::string> notes;
  leave_out_fixed_scheme_url_opens(findings, lines, notes);
  CHECK(asked == std::set<std::string>{"net.py"});
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].line == 8);
  CHECK(findings[1].rule_id == "B602");
  CHECK(notes == std::vector<std::string>{
                     "2 bandit/B310 findings not reported: the URL's scheme is a fixed http(s) there (a literal, or "
                     "a name bound once to one; Ruff's S310 reads it so): net.py:7, net.py:19"});
}

TEST_CASE("without a B310 finding the source index is not asked") {
  std::vector<Finding> findings = {bandit("B602", 7)};
  bool asked = false;
  auto lines = [&](const std::set<std::string>&) {
    asked = true;
    return std::map<std::string, std::vector<int>>{};
  };
  std::vector<std::string> notes;
  leave_out_fixed_scheme_url_opens(findings, lines, notes);
  CHECK_FALSE(asked);
  CHECK(findings.size() == 1);
  CHECK(notes.empty());
}
