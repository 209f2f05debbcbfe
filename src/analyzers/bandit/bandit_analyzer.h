#pragma once
// Bandit as an Analyzer: analyzers/bandit/bandit.h runs it and parses its report; this adds its
// threshold (bandit.severity and bandit.confidence), its SARIF rules and its GitLab SAST scanner.

#include "analyzers/analyzer.h"

namespace codegate {

inline constexpr std::string_view k_bandit_tool = "bandit"; // ToolRun::name and Finding::tool

const Analyzer& bandit_analyzer();

} // namespace codegate
