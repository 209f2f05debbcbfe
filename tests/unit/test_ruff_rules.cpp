// Ruff's rule table (analyzers/ruff_rules) against what Ruff's own source says: the flake8-bandit
// and Pyflakes lines of its codes.rs, checked in with their provenance (tests/unit/data/ruff/). A
// rule's name is its violation struct's name in kebab case, as Ruff derives it with heck.

#include <doctest/doctest.h>

#include <cctype>
#include <fstream>
#include <map>
#include <regex>
#include <string>

#include "analyzers/ruff_rules.h"

using namespace codegate;

namespace {

// heck's ToKebabCase on an identifier: a word starts at an upper-case letter after a lower-case one
// (digits keep the case before them), and at the last capital of an acronym that a lower-case
// letter follows ("SuspiciousURLOpenUsage": suspicious-url-open-usage).
std::string kebab_case(const std::string& identifier) {
  std::string out;
  enum class Case { none, lower, upper } previous = Case::none;
  for (std::size_t i = 0; i < identifier.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(identifier[i]);
    bool next_lower = i + 1 < identifier.size() && std::islower(static_cast<unsigned char>(identifier[i + 1])) != 0;
    if (std::isupper(c) != 0) {
      if (previous == Case::lower || (previous == Case::upper && next_lower)) out += '-';
      previous = Case::upper;
    } else if (std::islower(c) != 0) {
      previous = Case::lower;
    }
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

// code -> name, from the excerpt of codes.rs.
std::map<std::string, std::string> rules_in_ruffs_source() {
  std::ifstream in(std::string(CODEGATE_UNIT_DATA_DIR) + "/ruff/codes_rs_excerpt.txt");
  const std::regex entry(R"re(^\((Flake8Bandit|Pyflakes), "(\d+)"\) => rules::\w+::rules::(\w+),$)re");
  std::map<std::string, std::string> rules;
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (line.empty() || line.front() == '#') continue;
    REQUIRE_MESSAGE(std::regex_match(line, m, entry), line);
    rules[(m[1] == "Flake8Bandit" ? "S" : "F") + m[2].str()] = kebab_case(m[3]);
  }
  return rules;
}

} // namespace

TEST_CASE("heck's kebab case, as Ruff names its rules") {
  CHECK(kebab_case("SuspiciousURLOpenUsage") == "suspicious-url-open-usage");
  CHECK(kebab_case("SuspiciousXMLCElementTreeUsage") == "suspicious-xmlc-element-tree-usage");
  CHECK(kebab_case("SSHNoHostKeyVerification") == "ssh-no-host-key-verification");
  CHECK(kebab_case("Jinja2AutoescapeFalse") == "jinja2-autoescape-false");
}

TEST_CASE("the Ruff rule table is what Ruff's codes.rs says, and S<nnn> mirrors Bandit's B<nnn>") {
  auto expected = rules_in_ruffs_source();
  REQUIRE(expected.size() == 116);
  std::map<std::string, std::string> table;
  for (const RuffRule& rule : ruff_rules()) {
    table[std::string(rule.code)] = std::string(rule.name);
    if (rule.code.front() == 'S')
      CHECK(rule.bandit == "B" + std::string(rule.code.substr(1)));
    else
      CHECK(rule.bandit.empty());
  }
  CHECK(table == expected);
  CHECK(table.size() == ruff_rules().size()); // no code twice
}

TEST_CASE("a Ruff rule by code or name, and the one a Bandit test mirrors") {
  REQUIRE(ruff_rule_named("suspicious-url-open-usage") != nullptr);
  CHECK(ruff_rule_named("suspicious-url-open-usage")->code == "S310");
  CHECK(ruff_rule_named("S310")->name == "suspicious-url-open-usage");
  CHECK(ruff_rule_named("unused-import")->code == "F401");
  CHECK(ruff_rule_named("s310") == nullptr); // Ruff's codes are case-sensitive
  CHECK(ruff_rule_named("S") == nullptr);
  CHECK(ruff_rule_named("B310") == nullptr);
  CHECK(ruff_rule_for_bandit("B310")->code == "S310");
  CHECK(ruff_rule_for_bandit("B703") == nullptr); // Bandit's django_mark_safe: no S703 in Ruff
  CHECK(ruff_rule_for_bandit("S310") == nullptr);
  CHECK(ruff_rule_for_bandit("F401") == nullptr);
  CHECK(ruff_rule_for_bandit("") == nullptr);
}
