#include "platform/azure_commands.h"

#include <cctype>

#include "platform/log_commands.h"
#include "platform/workflow_commands.h"
#include "util/strings.h"

namespace codegate::platform {

std::string escape_logging_data(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%': out += "%AZP25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return neutralize_inline_commands(out);
}

std::string escape_logging_property(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : escape_logging_data(text)) {
    switch (c) {
      case ';': out += "%3B"; break;
      case ']': out += "%5D"; break;
      default: out += c;
    }
  }
  return out;
}

std::string logissue(const Finding& finding) {
  std::string line = std::string("##vso[task.logissue type=") + (finding.fails_gate ? "error" : "warning");
  line += ";sourcepath=" + escape_logging_property(util::to_valid_utf8(finding.path));
  if (finding.line > 0) line += ";linenumber=" + std::to_string(finding.line);
  if (finding.column > 0) line += ";columnnumber=" + std::to_string(finding.column);
  line += ";code=" + escape_logging_property(util::to_valid_utf8(finding.tool + "/" + finding.rule_id));
  std::string message = finding.message;
  if (finding.cwe) message = "CWE-" + std::to_string(*finding.cwe) + ": " + message;
  if (!finding.fix_status.empty()) message += "\nrefine: " + finding.fix_status;
  return line + "]" + escape_logging_data(util::to_valid_utf8(message));
}

std::vector<std::string> logissues(const CheckResult& result, int per_kind) {
  int errors = 0, warnings = 0, hidden = 0;
  std::vector<std::string> lines;
  for (const Finding* f : reported_for_annotations(result)) {
    if (!f->fails_gate && f->level == Level::note) continue;
    int& used = f->fails_gate ? errors : warnings;
    if (used >= per_kind) {
      ++hidden;
      continue;
    }
    ++used;
    lines.push_back(logissue(*f));
  }
  if (hidden > 0)
    lines.push_back("codegate: " + std::to_string(hidden) + " more finding" + (hidden == 1 ? "" : "s") +
                    " without a logged issue (at most " + std::to_string(per_kind) +
                    " errors and warnings each); the pull-request summary and the SARIF report list every one");
  return lines;
}

} // namespace codegate::platform
