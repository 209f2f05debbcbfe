#include "registry/registry.h"

#include "analyzers/bandit/bandit_analyzer.h"
#include "analyzers/pyflakes/pyflakes_analyzer.h"
#include "analyzers/pylint/pylint_analyzer.h"
#include "intent/intent_analyzer.h"

namespace codegate {

const std::vector<const Analyzer*>& analyzers() {
  // One line per analyzer; the order is the order of the reports' tool lists and SARIF runs.
  static const std::vector<const Analyzer*> all = {
      &pylint_analyzer(),
      &bandit_analyzer(),
      &pyflakes_analyzer(),
      &intent_analyzer(),
  };
  return all;
}

const Analyzer* analyzer_for(const Finding& finding) {
  for (const Analyzer* analyzer : analyzers())
    if (analyzer->owns(finding)) return analyzer;
  return nullptr;
}

const Analyzer* analyzer_named(std::string_view name) {
  for (const Analyzer* analyzer : analyzers())
    if (analyzer->name() == name) return analyzer;
  return nullptr;
}

const ToolRun* intent_check_run(const std::vector<ToolRun>& tools) {
  for (const auto& run : tools)
    if (analyzer_named(run.name) == &intent_analyzer()) return &run;
  return nullptr;
}

bool security_tool(std::string_view tool) {
  for (const Analyzer* analyzer : analyzers())
    if (analyzer->finding_tool() == tool && analyzer->security()) return true;
  return false;
}

} // namespace codegate
