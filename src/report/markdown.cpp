// The pull-request comment: short enough to read in a review, complete enough to act on.

#include <algorithm>
#include <string>

#include "report/markdown_escape.h"
#include "report/reports.h"
#include "report/summary.h"
#include "util/strings.h"

namespace codegate {
namespace {

// The platform code finds its own sticky comment by this line and edits it instead of posting a
// new one on every push; it must stay the first line.
constexpr const char* k_summary_marker = "<!-- codegate:summary -->";
// GitHub refuses comments over 65536 characters; 50 rows of long messages stay well below that.
constexpr int k_max_rows = 50;

// A table cell: a '|' would end the cell and a newline the table.
std::string escape_cell(std::string_view text) { return escape_markdown(text, "<br>"); }

std::string headline(const CheckResult& result, const ReportCounts& counts) {
  std::string line = result.failed ? "## :x: codegate: FAILED" : "## :white_check_mark: codegate: PASSED";
  line += " (" + count_noun(counts.reported, "finding", "findings") + " reported";
  if (counts.failing > 0) line += ", " + failing_phrase(counts.failing);
  return line + ")\n";
}

void findings_table(std::string& out, const CheckResult& result, const ReportCounts& counts) {
  if (counts.reported == 0) return;
  // Failing findings first: when the table is cut at k_max_rows, what blocks the merge stays visible.
  std::vector<const Finding*> failing, others;
  for (const Finding* f : in_report_order(result.findings))
    if (f->filter.reported) (f->fails_gate ? failing : others).push_back(f);
  std::vector<ReportRow> rows = report_rows(failing, result.filter_mode);
  for (ReportRow& row : report_rows(others, result.filter_mode)) rows.push_back(std::move(row));

  out += "\n| | Location | Tool / rule | Level | Message |\n";
  out += "|---|---|---|---|---|\n";
  int shown = 0;
  for (const ReportRow& row : rows) {
    if (shown == k_max_rows) break;
    ++shown;
    const Finding* f = row.finding;
    std::string rule = f->tool + " " + f->rule_id;
    if (!f->rule_name.empty() && f->rule_name != f->rule_id) rule += " " + f->rule_name;
    if (f->cwe) rule += " (CWE-" + std::to_string(*f->cwe) + ")";
    out += "| " + std::string(f->fails_gate ? ":x:" : "") + " | ";
    out += escape_cell(f->path + ":" + std::to_string(f->line)) + " | " + escape_cell(rule) + " | ";
    std::string message = f->message;
    for (const auto& remark : finding_remarks(*f, result.filter_mode)) message += "\n" + remark;
    if (!row.lines.empty()) message += "\n" + repeat_phrase(row);
    out += std::string(to_string(f->level)) + " | " + escape_cell(message) + " |\n";
  }
  int hidden = 0; // findings, a folded row counting each of its lines
  for (std::size_t i = static_cast<std::size_t>(shown); i < rows.size(); ++i)
    hidden += std::max(1, static_cast<int>(rows[i].lines.size()));
  if (hidden > 0) out += "\n…and " + std::to_string(hidden) + " more (see the SARIF or JSON report).\n";
}

} // namespace

std::string render_markdown(const CheckResult& result) {
  ReportCounts counts = count_findings(result);
  std::string out = std::string(k_summary_marker) + "\n";
  out += headline(result, counts);
  findings_table(out, result, counts);

  int not_shown = counts.outside_diff + counts.in_base + (counts.suppressed - counts.suppressed_in_change);
  if (not_shown > 0) {
    out += "\nNot shown: " + escape_cell(other_counts_phrase(counts, result.filter_mode)) + " (filter mode `" +
           std::string(to_string(result.filter_mode)) + "`).\n";
  }

  auto notes = report_notes(result);
  if (!notes.empty()) {
    out += "\n**Notes**\n\n";
    for (const auto& note : notes) out += "- " + escape_cell(note) + "\n";
  }

  // Where docstrings are not required, report_notes counts them in one line; the JSON lists them.
  if (result.docstrings_required && !result.missing_docstrings.empty()) {
    int missing = static_cast<int>(result.missing_docstrings.size());
    out += "\n<details><summary>" + count_noun(missing, "changed unit", "changed units") +
           " without a docstring</summary>\n\n";
    for (const auto& entry : result.missing_docstrings) out += "- " + escape_cell(entry) + "\n";
    out += "\n</details>\n";
  }
  return out;
}

} // namespace codegate
