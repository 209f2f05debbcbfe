// The terminal report: what a developer reads in a CI log or after a pre-commit hook.

#include <string>

#include "report/reports.h"
#include "report/summary.h"
#include "util/strings.h"

namespace codegate {
namespace {

constexpr const char* k_reset = "\x1b[0m";
constexpr const char* k_bold = "\x1b[1m";
constexpr const char* k_red = "\x1b[31m";
constexpr const char* k_bold_red = "\x1b[1;31m";
constexpr const char* k_green = "\x1b[1;32m";
constexpr const char* k_yellow = "\x1b[33m";
constexpr const char* k_cyan = "\x1b[36m";
constexpr const char* k_dim = "\x1b[2m";

// Wraps `text` in an SGR sequence only when colour is on, so the plain report has no escapes at all.
class Painter {
public:
  explicit Painter(bool colour) : colour_(colour) {}
  std::string operator()(const char* sgr, std::string_view text) const {
    if (!colour_) return std::string(text);
    return std::string(sgr) + std::string(text) + k_reset;
  }

private:
  bool colour_;
};

const char* level_colour(Level level) {
  switch (level) {
    case Level::error: return k_red;
    case Level::warning: return k_yellow;
    case Level::note: return k_cyan;
  }
  return k_cyan;
}

// Tool output may carry terminal escapes or stray bytes; a report must not let a file name or a
// message repaint the terminal, so control characters other than tab are shown as '?'.
std::string printable(std::string_view text) {
  std::string out = util::to_valid_utf8(text);
  for (auto& c : out) {
    auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7f) c = '?';
  }
  return out;
}

void render_finding(std::string& out, const ReportRow& row, FilterMode mode, const Painter& paint) {
  const Finding& f = *row.finding;
  // "path:line:col: level" first, as compilers print it, so editors and CI log parsers link it.
  out += paint(k_bold, printable(f.path) + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ":");
  out += " ";
  out += paint(level_colour(f.level), to_string(f.level));
  out += " [" + printable(f.tool) + " " + printable(f.rule_id);
  if (!f.rule_name.empty() && f.rule_name != f.rule_id) out += " " + printable(f.rule_name);
  if (f.cwe) out += " CWE-" + std::to_string(*f.cwe);
  out += "]";
  auto message_lines = util::split_lines(f.message);
  out += " " + printable(message_lines.empty() ? std::string_view() : message_lines.front());
  if (f.fails_gate) out += " " + paint(k_bold_red, "<- fails the gate");
  out += "\n";
  // A multi-line message (an LLM's explanation) continues under the finding instead of running
  // into the next one.
  for (std::size_t i = 1; i < message_lines.size(); ++i) out += "    " + printable(message_lines[i]) + "\n";
  auto snippet_lines = util::split_lines(f.snippet);
  if (!snippet_lines.empty()) {
    out += paint(k_dim, "  " + std::to_string(f.line) + " | ") + printable(snippet_lines.front()) + "\n";
  }
  for (const auto& remark : finding_remarks(f, mode)) out += "    " + printable(remark) + "\n";
  if (!row.lines.empty()) out += "    " + repeat_phrase(row) + "\n";
  if (!f.fix_status.empty()) out += "    refine: " + printable(f.fix_status) + "\n";
}

std::string summary_line(const CheckResult& result, const ReportCounts& counts, const Painter& paint) {
  std::string line = "codegate: " + count_noun(counts.reported, "finding", "findings") + " reported";
  if (counts.failing > 0) line += " (" + failing_phrase(counts.failing) + ")";
  std::string others = other_counts_phrase(counts, result.filter_mode);
  if (!others.empty()) line += ", " + others;
  line += "; ";
  line += result.failed ? paint(k_bold_red, "FAILED") : paint(k_green, "PASSED");
  return line + "\n";
}

} // namespace

std::string render_text(const CheckResult& result, bool colour) {
  Painter paint(colour);
  std::string out;
  const std::string* current_path = nullptr;
  std::vector<const Finding*> reported;
  for (const Finding* f : in_report_order(result.findings))
    if (f->filter.reported) reported.push_back(f);
  for (const ReportRow& row : report_rows(reported, result.filter_mode)) {
    const Finding* f = row.finding;
    if (current_path == nullptr || *current_path != f->path) {
      if (current_path != nullptr) out += "\n";
      out += paint(k_bold, printable(f->path)) + "\n";
      current_path = &f->path;
    }
    render_finding(out, row, result.filter_mode, paint);
  }
  if (!out.empty()) out += "\n";
  for (const auto& note : report_notes(result)) out += "codegate: " + printable(note) + "\n";
  out += summary_line(result, count_findings(result), paint);
  return out;
}

} // namespace codegate
