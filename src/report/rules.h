#pragma once
// Rule metadata for SARIF reportingDescriptors, derived from the findings that name each rule.
// Each analyzer words its own rules (Analyzer::describe_rule); SarifRule and the shared wording
// helpers (cwe_name, ...) are in analyzers/rule_text.h.

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/rule_text.h"
#include "core/finding.h"

namespace codegate {

// The SARIF ruleId: the tool's own id for analyzers ("E0602", "B602"), namespaced for codegate's
// own checks ("codegate/intent-mismatch") as they share no tool namespace.
std::string sarif_rule_id(const Finding& finding);

// One rule per distinct ruleId among `findings` (all of one tool), sorted by id.
std::vector<SarifRule> describe_rules(const std::vector<const Finding*>& findings);

// The project page of a tool for tool.driver.informationUri; empty when none is known.
std::string_view tool_information_uri(std::string_view tool);

} // namespace codegate
