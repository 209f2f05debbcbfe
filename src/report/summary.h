#pragma once
// Counts, orderings and status lines that every report shares, so the reports cannot disagree.

#include <string>
#include <vector>

#include "core/check_result.h"

namespace codegate {

// How many findings fall in each bucket the reports talk about.
struct ReportCounts {
  int total = 0;                // every finding, reported or not
  int reported = 0;             // selected by the filter mode, new, not hidden by a suppression
  int failing = 0;              // reported findings that fail the gate
  int outside_diff = 0;         // not selected by the filter mode
  int in_base = 0;              // selected, but the base already had them (the baseline)
  int suppressed = 0;           // selected and covered by a `# nosec` / `# pylint: disable`
  int suppressed_in_change = 0; // ... whose comment the change added
  int errors = 0;               // reported findings by level
  int warnings = 0;
  int notes = 0;
};

ReportCounts count_findings(const CheckResult& result);

// Findings in report order: path (byte order), line, column, tool, rule id, message.
std::vector<const Finding*> in_report_order(const std::vector<Finding>& findings);

// Where the findings the filter mode does not select are: "outside the added lines" (added),
// "outside the diff" (diff_context), "in unchanged files" (file).
std::string outside_phrase(FilterMode mode);

// The counts after the reported ones, for summary lines: "2 outside the added lines, 1 already
// in the base, 1 suppressed in this change"; empty when all are zero.
std::string other_counts_phrase(const ReportCounts& counts, FilterMode mode);

// What a reader needs about one finding besides its message, a line each: the suppression the
// change added, why it cannot fail the gate, which line of a longer region the filter matched.
std::vector<std::string> finding_remarks(const Finding& finding, FilterMode mode);

// A line of a report: one reported finding, or a note repeated through its file folded into the
// first of its kind (fastapi's scripts/ gave 22 identical B603 and B607 notes in one pull request).
struct ReportRow {
  const Finding* finding = nullptr;
  std::vector<int> lines; // every line of the folded findings; empty for a finding alone
};

// `findings` (in report order, reported ones only) as the text and Markdown reports list them: a
// note-level finding that does not fail the gate, has no remark of its own, and repeats (the same
// tool, rule and message) in its file is one row at its first line. JSON and SARIF keep each.
std::vector<ReportRow> report_rows(const std::vector<const Finding*>& findings, FilterMode mode);

// "22 times in this file: lines 12, 15, 18, …" for a folded row; empty for a finding alone.
std::string repeat_phrase(const ReportRow& row);

// One line per tool run that is not "ok", every run-level note, then the count of changed
// functions without a docstring where the project does not require them, in that order.
std::vector<std::string> report_notes(const CheckResult& result);

// "1 finding" / "2 findings": count and noun with the plural the count needs.
std::string count_noun(int count, const std::string& singular, const std::string& plural);
// "1 fails the gate" / "2 fail the gate".
std::string failing_phrase(int failing);

} // namespace codegate
