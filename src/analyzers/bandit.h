#pragma once
// Bandit (Debian package `bandit`, 1.6.2) run once over the changed files, JSON output parsed.

#include <string>

#include "analyzers/analyzer.h"
#include "config/config.h"

namespace codegate {

// Runs Bandit; throws ToolError when it is missing, crashes, or prints no JSON report.
// Files Bandit cannot parse are notes of the output, not errors.
AnalyzerOutput run_bandit(const AnalyzerInput& input, const BanditConfig& config);

struct BanditReport {
  std::vector<Finding> findings;
  std::vector<std::string> errors; // "path: reason" for files Bandit could not scan
};
// Parses Bandit's `-f json` report. Throws ToolError on malformed input.
BanditReport parse_bandit_json(const std::string& json);

// HIGH -> error, MEDIUM -> warning, LOW -> note.
Level bandit_level(const std::string& severity);
// "LOW" < "MEDIUM" < "HIGH" as 1..3 (case-insensitive); 0 for anything else.
int bandit_rank(const std::string& word);

} // namespace codegate
