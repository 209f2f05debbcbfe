#pragma once
// Pylint (Debian package `pylint`, 2.16) run once over the changed files, JSON output parsed.

#include <string>

#include "analyzers/analyzer.h"
#include "config/config.h"

namespace codegate {

// Runs Pylint; throws ToolError when it is missing, crashes, or prints something that is not its
// JSON report (with the tail of its stderr and the package to install).
AnalyzerOutput run_pylint(const AnalyzerInput& input, const PylintConfig& config);

// Parses Pylint's `--output-format=json` report. Throws ToolError on malformed input.
std::vector<Finding> parse_pylint_json(const std::string& json);

// The documentation page of a message: "https://pylint.readthedocs.io/.../warning/eval-used.html".
std::string pylint_help_uri(const std::string& type, const std::string& symbol);

// The gate level of a Pylint message type ("error" -> error, "warning" -> warning, others -> note).
Level pylint_level(const std::string& type);

} // namespace codegate
