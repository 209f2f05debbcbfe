#pragma once
// Counts, orderings and status lines that every report shares, so the reports cannot disagree.

#include <string>
#include <vector>

#include "core/check_result.h"

namespace codegate {

// How many findings fall in each bucket the reports talk about.
struct ReportCounts {
  int total = 0;        // every finding, reported or not
  int reported = 0;     // selected by the filter mode
  int failing = 0;      // reported findings that fail the gate
  int outside_diff = 0; // not selected by the filter mode
  int errors = 0;       // reported findings by level
  int warnings = 0;
  int notes = 0;
};

ReportCounts count_findings(const CheckResult& result);

// Findings in report order: path (byte order), line, column, tool, rule id, message.
std::vector<const Finding*> in_report_order(const std::vector<Finding>& findings);

// One line per tool run that is not "ok" followed by every run-level note, in that order.
std::vector<std::string> report_notes(const CheckResult& result);

// "1 finding" / "2 findings": count and noun with the plural the count needs.
std::string count_noun(int count, const std::string& singular, const std::string& plural);
// "1 fails the gate" / "2 fail the gate".
std::string failing_phrase(int failing);

} // namespace codegate
