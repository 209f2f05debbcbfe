#include "intent/check_findings.h"

namespace codegate::intent {
namespace {

std::string confidence_word(double confidence) {
  if (confidence >= 0.8) return "HIGH";
  if (confidence >= 0.5) return "MEDIUM";
  return "LOW";
}

std::string line_text(const std::vector<std::string>& lines, int line) {
  if (line < 1 || line > static_cast<int>(lines.size())) return "";
  return lines[static_cast<std::size_t>(line - 1)];
}

} // namespace

Finding mismatch_finding(const Candidate& c, const VerdictIssue& issue, const std::vector<std::string>& lines,
                         double confidence) {
  Finding f;
  f.tool = k_own_tool;
  f.rule_id = "intent-mismatch";
  f.rule_name = "code-contradicts-docstring";
  f.level = Level::warning;
  f.tool_severity = to_string(Verdict::inconsistent);
  f.confidence = confidence_word(confidence);
  f.path = c.path;
  // Without a line from the model the finding is about the whole unit, so its region is the unit.
  f.line = issue.line != 0 ? issue.line : c.source_unit().line;
  if (issue.line == 0) f.end_line = c.source_unit().end_line;
  f.message = issue.explanation.empty() ? "The " + c.prompt.description +
                                              " does not do what its docstring says (the model gave no explanation)."
                                        : issue.explanation;
  f.snippet = line_text(lines, f.line);
  return f;
}

Finding missing_docstring_finding(const python::SourceIndex& index, const python::SourceUnit& unit,
                                  const std::vector<std::string>& lines, DocstringPolicy policy) {
  Finding f;
  f.tool = k_own_tool;
  f.rule_id = "missing-docstring";
  f.rule_name = "missing-docstring";
  f.level = Level::note;
  f.tool_severity = "note";
  f.path = index.path;
  f.line = unit.line;
  f.end_line = unit.end_line; // about the whole unit: reported when any of its lines changed
  std::string what = index.describe(unit);
  if (policy == DocstringPolicy::public_units) what = "public " + what;
  f.message = "The " + what + " changed and has no docstring, so the intent check cannot compare it with its purpose.";
  f.snippet = line_text(lines, f.line);
  return f;
}

} // namespace codegate::intent
