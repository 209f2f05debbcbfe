#pragma once
// The analyzers codegate runs, in one list: the pipeline runs them from it, and the gate, the
// SARIF rules and the GitLab reports look up a finding's analyzer here instead of comparing tool
// names. It sits after intent/ in ARCHITECTURE.md's table because it includes every analyzer,
// the intent check's included; the stages after it may include it.

#include <string_view>
#include <vector>

#include "analyzers/analyzer.h"

namespace codegate {

// Every analyzer, in the order they run and the reports list them.
const std::vector<const Analyzer*>& analyzers();

// The analyzer whose finding this is; null for codegate's own (codegate/not-analysed) and for
// tools no analyzer owns.
const Analyzer* analyzer_for(const Finding& finding);

// The analyzer whose ToolRun carries `name` ("pylint", "codegate-intent"); null for none.
const Analyzer* analyzer_named(std::string_view name);

// The intent check's run among a result's tools (refine compares its status before and after a
// revision); null when there is none.
const ToolRun* intent_check_run(const std::vector<ToolRun>& tools);

// True when the findings whose Finding::tool is `tool` come from an analyzer of security
// weaknesses (Bandit): what `codegate eval` counts as a vulnerability. For findings kept as data
// (results.json) that have only their tool's name left.
bool security_tool(std::string_view tool);

} // namespace codegate
