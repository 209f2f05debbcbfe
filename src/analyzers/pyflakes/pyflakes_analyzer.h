#pragma once
// Pyflakes as an Analyzer, opt-in: `analyzers: {pyflakes: {}}` in .codegate.yml turns it on.
// analyzers/pyflakes/pyflakes.h runs it and reads its output; this adds its threshold
// (analyzers.pyflakes.fail_on, by default the problems that fail when the code runs), the
// `# noqa` comments flake8 and Ruff users already write, and its SARIF wording.

#include "analyzers/analyzer.h"

namespace codegate {

const Analyzer& pyflakes_analyzer();

} // namespace codegate
