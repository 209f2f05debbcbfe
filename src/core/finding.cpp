#include "core/finding.h"

namespace codegate {

std::string_view to_string(Level level) {
  switch (level) {
    case Level::note: return "note";
    case Level::warning: return "warning";
    case Level::error: return "error";
  }
  return "warning";
}

std::string_view to_string(SuppressedBy by) { return by == SuppressedBy::change ? "change" : "base"; }

std::optional<Level> parse_level(std::string_view text) {
  if (text == "note") return Level::note;
  if (text == "warning") return Level::warning;
  if (text == "error") return Level::error;
  return std::nullopt;
}

bool is_own_finding(const Finding& finding) { return finding.tool == k_own_tool; }

bool is_not_analysed(const Finding& finding) { return is_own_finding(finding) && finding.rule_id == "not-analysed"; }

Finding not_analysed_finding(const std::string& path, const std::string& reason, int lines) {
  Finding f;
  f.tool = k_own_tool;
  f.rule_id = "not-analysed";
  f.rule_name = "not-analysed";
  f.level = Level::error;
  f.tool_severity = "error";
  f.path = path;
  f.line = 1;
  f.end_line = lines > 1 ? lines : 1; // the whole file
  f.message = path + " was not analysed: " + reason;
  return f;
}

std::string qualified_rule(const Finding& finding) { return finding.tool + "/" + finding.rule_id; }

} // namespace codegate
