#pragma once
// The intent check (intent/intent_check.h) as an Analyzer. It lives here, in stage 3, because it
// needs the intent stage; analyzers/analyzer.h (stage 2) is all it shares with Pylint and Bandit.

#include "analyzers/analyzer.h"

namespace codegate {

inline constexpr std::string_view k_intent_tool = "codegate-intent"; // ToolRun::name; its findings are "codegate"'s

const Analyzer& intent_analyzer();

} // namespace codegate
