#include "report/summary.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace codegate {

ReportCounts count_findings(const CheckResult& result) {
  ReportCounts counts;
  for (const auto& f : result.findings) {
    ++counts.total;
    bool selected = f.filter.selected || f.filter.reported;
    if (!selected) ++counts.outside_diff;
    if (selected && f.filter.in_base) ++counts.in_base;
    if (selected && !f.filter.in_base && f.suppression) {
      ++counts.suppressed;
      if (f.suppression->by == SuppressedBy::change) ++counts.suppressed_in_change;
    }
    if (!f.filter.reported) continue;
    ++counts.reported;
    if (f.fails_gate) ++counts.failing;
    switch (f.level) {
      case Level::error: ++counts.errors; break;
      case Level::warning: ++counts.warnings; break;
      case Level::note: ++counts.notes; break;
    }
  }
  return counts;
}

std::string outside_phrase(FilterMode mode) {
  switch (mode) {
    case FilterMode::added: return "outside the added lines";
    case FilterMode::diff_context: return "outside the diff";
    case FilterMode::file:
    case FilterMode::nofilter: return "in unchanged files";
  }
  return "outside the diff";
}

std::string other_counts_phrase(const ReportCounts& counts, FilterMode mode) {
  std::vector<std::string> parts;
  if (counts.outside_diff > 0) parts.push_back(std::to_string(counts.outside_diff) + " " + outside_phrase(mode));
  if (counts.in_base > 0) parts.push_back(std::to_string(counts.in_base) + " already in the base");
  int suppressed_before = counts.suppressed - counts.suppressed_in_change;
  if (counts.suppressed_in_change > 0)
    parts.push_back(std::to_string(counts.suppressed_in_change) + " suppressed in this change");
  if (suppressed_before > 0) parts.push_back(std::to_string(suppressed_before) + " suppressed in the base");
  std::string phrase;
  for (const auto& part : parts) phrase += (phrase.empty() ? "" : ", ") + part;
  return phrase;
}

std::vector<std::string> finding_remarks(const Finding& f, FilterMode mode) {
  std::vector<std::string> remarks;
  if (f.suppression && f.suppression->by == SuppressedBy::change) {
    std::string comment = f.suppression->comment.empty() ? "a comment" : "`" + f.suppression->comment + "`";
    remarks.push_back("suppressed in this change by " + comment + " on line " + std::to_string(f.suppression->line) +
                      (f.suppression->honoured ? "" : "; not honoured (suppressions: deny-new)"));
  }
  if (!f.advisory.empty()) remarks.push_back("cannot fail the gate: " + f.advisory);
  if (f.filter.caused_by_change) {
    remarks.push_back("on no " + std::string(mode == FilterMode::diff_context ? "line in the diff" : "added line") +
                      ", " + f.filter.new_because);
  } else if (!f.filter.new_because.empty()) {
    remarks.push_back("new: " + f.filter.new_because);
  }
  const auto& matched = f.filter.matched_lines;
  bool matched_later = !matched.empty() && matched.front() != f.line;
  if (matched_later && (mode == FilterMode::added || mode == FilterMode::diff_context)) {
    constexpr std::size_t k_listed = 3;
    std::string lines;
    for (std::size_t i = 0; i < matched.size() && i < k_listed; ++i)
      lines += (i ? ", " : "") + std::to_string(matched[i]);
    if (matched.size() > k_listed) lines += ", …";
    remarks.push_back(std::to_string(f.line) + ":" + std::to_string(f.column) + ", region to " +
                      std::to_string(std::max(f.line, f.end_line)) + "; " + (matched.size() == 1 ? "line " : "lines ") +
                      lines + (mode == FilterMode::added ? " added" : " in the diff"));
  }
  return remarks;
}

std::vector<const Finding*> in_report_order(const std::vector<Finding>& findings) {
  std::vector<const Finding*> order;
  order.reserve(findings.size());
  for (const auto& f : findings) order.push_back(&f);
  // Every key down to the message takes part so that the order never depends on the order the
  // analyzers happened to finish in; golden files and diffs of two reports stay stable.
  std::stable_sort(order.begin(), order.end(), [](const Finding* a, const Finding* b) {
    return std::tie(a->path, a->line, a->column, a->tool, a->rule_id, a->message) <
           std::tie(b->path, b->line, b->column, b->tool, b->rule_id, b->message);
  });
  return order;
}

std::vector<ReportRow> report_rows(const std::vector<const Finding*>& findings, FilterMode mode) {
  auto foldable = [mode](const Finding& f) {
    return f.level == Level::note && !f.fails_gate && f.fix_status.empty() && finding_remarks(f, mode).empty();
  };
  std::vector<ReportRow> rows;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, std::size_t> first; // of each kind
  for (const Finding* f : findings) {
    if (!foldable(*f)) {
      rows.push_back({f, {}});
      continue;
    }
    auto [at, inserted] = first.try_emplace({f->path, f->tool, f->rule_id, f->message}, rows.size());
    if (inserted) {
      rows.push_back({f, {f->line}});
    } else {
      rows[at->second].lines.push_back(f->line);
    }
  }
  for (auto& row : rows)
    if (row.lines.size() == 1) row.lines.clear();
  return rows;
}

std::string repeat_phrase(const ReportRow& row) {
  if (row.lines.empty()) return "";
  constexpr std::size_t k_listed = 10;
  std::string lines;
  for (std::size_t i = 0; i < row.lines.size() && i < k_listed; ++i)
    lines += (i ? ", " : "") + std::to_string(row.lines[i]);
  if (row.lines.size() > k_listed) lines += ", …";
  return std::to_string(row.lines.size()) + " times in this file: lines " + lines;
}

std::vector<std::string> report_notes(const CheckResult& result) {
  std::vector<std::string> lines;
  for (const auto& run : result.tools) {
    if (run.status == ToolStatus::ok) continue;
    std::string status = run.status == ToolStatus::not_run ? "did not run" : std::string(to_string(run.status));
    lines.push_back(run.note.empty() ? run.name + " " + status : run.note);
  }
  lines.insert(lines.end(), result.notes.begin(), result.notes.end());
  if (!result.docstrings_required && !result.missing_docstrings.empty()) {
    int missing = static_cast<int>(result.missing_docstrings.size());
    lines.push_back("intent check: " + count_noun(missing, "changed function has", "changed functions have") +
                    " no docstring to compare with (listed in the JSON report; the project does not ask for "
                    "docstrings)");
  }
  for (const auto& run : result.tools) {
    if (run.cached_files == 0) continue;
    lines.push_back(run.name + ": " + std::to_string(run.cached_files) + " of " +
                    count_noun(static_cast<int>(result.checked_files.size()), "file", "files") +
                    " from the result cache");
  }
  return lines;
}

std::string count_noun(int count, const std::string& singular, const std::string& plural) {
  return std::to_string(count) + " " + (count == 1 ? singular : plural);
}

std::string failing_phrase(int failing) {
  return std::to_string(failing) + (failing == 1 ? " fails" : " fail") + " the gate";
}

} // namespace codegate
