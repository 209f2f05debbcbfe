#include "platform/workflow_commands.h"

#include <algorithm>
#include <map>

#include "platform/log_commands.h"
#include "util/hash.h"
#include "util/strings.h"

namespace codegate::platform {
namespace {

std::string command_for(const Finding& finding) {
  if (finding.fails_gate) return "error";
  return finding.level == Level::note ? "notice" : "warning";
}

int rank(const Finding& finding) {
  if (finding.fails_gate) return 0;
  return finding.level == Level::note ? 2 : 1;
}

} // namespace

std::string escape_command_data(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  // The runner's older form, `##[command]`, anywhere in the line: never in a value of codegate's.
  return neutralize_inline_commands(out);
}

std::string escape_command_property(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : escape_command_data(text)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

std::string annotation(const Finding& finding) {
  std::string title = finding.tool + " " + finding.rule_id;
  if (!finding.rule_name.empty() && finding.rule_name != finding.rule_id) title += " " + finding.rule_name;
  if (finding.cwe) title += " (CWE-" + std::to_string(*finding.cwe) + ")";
  std::string line =
      "::" + command_for(finding) + " file=" + escape_command_property(util::to_valid_utf8(finding.path));
  line += ",line=" + std::to_string(finding.line);
  int end_line = finding.end_line > finding.line ? finding.end_line : finding.line;
  line += ",endLine=" + std::to_string(end_line);
  // GitHub ignores a column range across lines; a single column is still useful.
  if (finding.column > 0) line += ",col=" + std::to_string(finding.column);
  line += ",title=" + escape_command_property(util::to_valid_utf8(title));
  std::string message = finding.message;
  if (!finding.fix_status.empty()) message += "\nrefine: " + finding.fix_status;
  return line + "::" + escape_command_data(util::to_valid_utf8(message));
}

std::vector<const Finding*> reported_for_annotations(const CheckResult& result) {
  std::vector<const Finding*> reported;
  for (const auto& f : result.findings)
    if (f.filter.reported) reported.push_back(&f);
  std::stable_sort(reported.begin(), reported.end(), [](const Finding* a, const Finding* b) {
    if (rank(*a) != rank(*b)) return rank(*a) < rank(*b);
    if (a->path != b->path) return a->path < b->path;
    return a->line < b->line;
  });
  return reported;
}

std::vector<std::string> annotations(const CheckResult& result, int per_kind) {
  std::vector<const Finding*> reported = reported_for_annotations(result);
  // GitHub shows `per_kind` of each kind a step; the line that counts the rest is a notice, so
  // when anything is left out it takes one of the notices' places.
  std::map<std::string, int> of_kind;
  for (const Finding* f : reported) ++of_kind[command_for(*f)];
  bool any_left_out =
      std::any_of(of_kind.begin(), of_kind.end(), [&](const auto& kind) { return kind.second > per_kind; });
  std::map<std::string, int> room = {
      {"error", per_kind}, {"warning", per_kind}, {"notice", any_left_out ? per_kind - 1 : per_kind}};
  std::vector<std::string> lines;
  for (const Finding* f : reported) {
    int& left = room[command_for(*f)];
    if (left <= 0) continue;
    --left;
    lines.push_back(annotation(*f));
  }
  int hidden = static_cast<int>(reported.size()) - static_cast<int>(lines.size());
  if (hidden > 0)
    lines.push_back("::notice title=codegate::" + std::to_string(hidden) + " more finding" + (hidden == 1 ? "" : "s") +
                    " without an annotation (GitHub shows " + std::to_string(per_kind) +
                    " of each kind a step); the job summary and the SARIF report list every one");
  return lines;
}

std::string output_lines(const std::vector<std::pair<std::string, std::string>>& outputs) {
  std::string out;
  for (const auto& [name, value] : outputs) {
    if (value.find('\n') == std::string::npos && value.find('\r') == std::string::npos) {
      out += name + "=" + value + "\n";
      continue;
    }
    std::string delimiter = "codegate_" + util::hex64(util::fnv1a64(value));
    while (value.find(delimiter) != std::string::npos) delimiter += "_";
    out +=
        name + "<<" + delimiter + "\n" + value + (value.empty() || value.back() == '\n' ? "" : "\n") + delimiter + "\n";
  }
  return out;
}

} // namespace codegate::platform
