#pragma once
// Ruff's rules for the tools codegate runs: flake8-bandit's S rules, each the mirror of one Bandit
// test, and Pyflakes' F rules. Projects name these rules in their Ruff configuration and in Ruff's
// suppression comments (`# ruff: ignore[suspicious-url-open-usage]`, `# noqa: S310`), by code or,
// since Ruff 0.16 prefers them, by name; codegate honours those for Bandit's and Pyflakes' findings
// (and Pylint's messages that mirror an F rule: analyzers/pylint/pyflakes_mirrors.h).
// The table is data copied from Ruff (ruff_rules.cpp says from where); a unit test compares it
// with a checked-in excerpt of Ruff's source (tests/unit/data/ruff/).

#include <span>
#include <string_view>

namespace codegate {

struct RuffRule {
  std::string_view code;   // "S310", "F401"
  std::string_view name;   // "suspicious-url-open-usage", "unused-import"
  std::string_view bandit; // the Bandit test an S rule mirrors ("B310"); empty for a Pyflakes rule
};

// Every rule of the table: the S rules, then the F rules, each group in code order.
std::span<const RuffRule> ruff_rules();

// The rule `word` names, by its code ("S310") or its name ("suspicious-url-open-usage"), as Ruff
// reads a rule in its comments and settings (case-sensitive); nullptr when the table has none.
const RuffRule* ruff_rule_named(std::string_view word);

// The S rule that mirrors Bandit's test `test_id` ("B310": S310); nullptr when Ruff has none
// (Bandit's B703 has no S703 in Ruff).
const RuffRule* ruff_rule_for_bandit(std::string_view test_id);

} // namespace codegate
