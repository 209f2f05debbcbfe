#pragma once
// Bandit (Debian package `bandit`: 1.6.2 on Debian 12, 1.7.10 on Debian 13) run once over the
// changed files, JSON output parsed.

#include <optional>
#include <set>
#include <string>

#include "analyzers/analyzer.h"
#include "config/config.h"

namespace codegate {

// Runs Bandit; throws ToolError when it is missing, crashes, prints no JSON report, or could not
// scan a file (unless config.accept_scan_errors). A file with a syntax error is a note: Python
// cannot run it either, and Pylint reports it as E0001. A file it was given and left out
// unannounced (its configuration's exclude_dirs, which Bandit matches as a substring of the path)
// gets a failing codegate/not-analysed finding.
AnalyzerOutput run_bandit(const AnalyzerInput& input, const BanditConfig& config);

struct BanditScanError {
  std::string path;   // repository-relative
  std::string reason; // Bandit's words: "syntax error while parsing AST from file", "exception while scanning file"
};

struct BanditReport {
  std::vector<Finding> findings;
  std::vector<BanditScanError> errors; // files Bandit could not scan
  // The files Bandit scanned (its `metrics`, less `_totals`); nullopt when the report has none.
  std::optional<std::set<std::string>> scanned;
};
// Parses Bandit's `-f json` report of 1.6 or 1.7 (1.7: `issue_cwe`, columns). Throws ToolError on
// malformed input.
BanditReport parse_bandit_json(const std::string& json);

// HIGH -> error, MEDIUM -> warning, LOW -> note.
Level bandit_level(const std::string& severity);
// "LOW" < "MEDIUM" < "HIGH" as 1..3 (case-insensitive); 0 for anything else.
int bandit_rank(const std::string& word);

} // namespace codegate
