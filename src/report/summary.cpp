#include "report/summary.h"

#include <algorithm>
#include <tuple>

namespace codegate {

ReportCounts count_findings(const CheckResult& result) {
  ReportCounts counts;
  for (const auto& f : result.findings) {
    ++counts.total;
    if (!f.filter.reported) ++counts.outside_diff;
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

std::vector<std::string> report_notes(const CheckResult& result) {
  std::vector<std::string> lines;
  for (const auto& run : result.tools) {
    if (run.status == "ok") continue;
    lines.push_back(run.note.empty() ? run.name + " " + (run.status.empty() ? "did not run" : run.status) : run.note);
  }
  lines.insert(lines.end(), result.notes.begin(), result.notes.end());
  return lines;
}

std::string count_noun(int count, const std::string& singular, const std::string& plural) {
  return std::to_string(count) + " " + (count == 1 ? singular : plural);
}

std::string failing_phrase(int failing) {
  return std::to_string(failing) + (failing == 1 ? " fails" : " fail") + " the gate";
}

} // namespace codegate
