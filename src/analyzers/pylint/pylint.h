#pragma once
// Pylint (Debian package `pylint`: 2.16 on Debian 12, 3.3 on Debian 13) run once over the changed
// files, JSON output parsed.

#include <string>

#include "analyzers/analyzer.h"
#include "config/config.h"

namespace codegate {

// Runs Pylint; throws ToolError when it is missing, crashes, or prints something that is not its
// JSON report (with the tail of its stderr and the package to install).
AnalyzerOutput run_pylint(const AnalyzerInput& input, const PylintConfig& config);

// Parses Pylint's `--output-format=json` report (2.x and 3.x), or 3.x's `json2` (the same fields in an
// object; no more than codegate reads, so run_pylint asks every version for `json`). Throws
// ToolError on malformed input.
std::vector<Finding> parse_pylint_json(const std::string& json);

// The documentation page of a message: "https://pylint.readthedocs.io/.../warning/eval-used.html".
std::string pylint_help_uri(const std::string& type, const std::string& symbol);

// The gate level of a Pylint message type ("error" -> error, "warning" -> warning, others -> note).
Level pylint_level(const std::string& type);

} // namespace codegate
