#pragma once
// Pylint as an Analyzer: analyzers/pylint/pylint.h runs it and parses its report; this adds its
// threshold (pylint.fail_on) and what SARIF says about its messages.

#include "analyzers/analyzer.h"

namespace codegate {

inline constexpr std::string_view k_pylint_tool = "pylint"; // ToolRun::name and Finding::tool

const Analyzer& pylint_analyzer();

} // namespace codegate
