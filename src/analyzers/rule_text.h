#pragma once
// What an analyzer says about its rules: the SARIF reportingDescriptor (report/rules.h builds one
// per rule through Analyzer::describe_rule), and the wording helpers the analyzers share.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace codegate {

// Everything a SARIF rule (reportingDescriptor) says; GitHub shows it beside every alert.
struct SarifRule {
  std::string id; // the results' ruleId
  std::string name;
  std::string short_description;
  std::string full_description;
  std::string help_text;
  std::string help_markdown;
  std::string help_uri;         // empty: no documentation page is known
  Level level = Level::warning; // defaultConfiguration.level: the highest level any finding had
  std::vector<std::string> tags;
  std::string security_severity; // GitHub's 0.0-10.0 score as text; empty for non-security rules
  std::string precision;         // very-high | high | medium | low; empty: not claimed
};

// Facts gathered over every finding of one rule; different findings can carry different levels.
struct RuleFacts {
  const Finding* first = nullptr;       // the first finding (in report order) that names the rule
  std::vector<const Finding*> findings; // all of them, `first` included
  Level level = Level::note;            // the highest level among them
  std::optional<int> cwe;               // the first CWE any of them has
  std::string help_uri;                 // the first documentation page any of them has
};

// "undefined-variable" / "subprocess_popen_with_shell_equals_true" -> "Undefined variable" /
// "Subprocess popen with shell equals true": a title for rules whose tool ships no description.
std::string sentence_from_symbol(std::string_view symbol);

// "Pylint error E0602 (undefined-variable)" in plain text, or with the ids as code in Markdown.
std::string rule_label(const std::string& prefix, const Finding& f, bool markdown);

// https://cwe.mitre.org/data/definitions/78.html
std::string cwe_uri(int cwe);

// The CWE's official name ("Improper Neutralization of ..."); empty for ids not in the table.
std::string_view cwe_name(int cwe);

// "CWE-78 (Improper Neutralization ...)" or just "CWE-78" for ids without a name in the table.
std::string cwe_label(int cwe);

// The rule of an analyzer that has no wording of its own: "<tool> rule <id>", its documentation.
void describe_generic_rule(SarifRule& rule, const RuleFacts& facts);

} // namespace codegate
