#pragma once
// Rule metadata for SARIF reportingDescriptors, derived from the findings that name each rule.

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

// The SARIF ruleId: the tool's own id for analyzers ("E0602", "B602"), namespaced for codegate's
// own checks ("codegate/intent-mismatch") as they share no tool namespace.
std::string sarif_rule_id(const Finding& finding);

// One rule per distinct ruleId among `findings` (all of one tool), sorted by id.
std::vector<SarifRule> describe_rules(const std::vector<const Finding*>& findings);

// The CWE's official name ("Improper Neutralization of ..."); empty for ids not in the table.
std::string_view cwe_name(int cwe);

// The project page of a tool for tool.driver.informationUri; empty when none is known.
std::string_view tool_information_uri(std::string_view tool);

} // namespace codegate
