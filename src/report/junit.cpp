// JUnit XML for the test tabs of GitLab (artifacts:reports:junit), Jenkins, Azure Pipelines and
// CircleCI: one test case per checked file, one <failure> per reported finding that fails the
// gate. The element and attribute set is the Jenkins xUnit plugin's junit-10.xsd (the test suite
// validates against a vendored copy), the dialect all of those readers accept.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "report/reports.h"
#include "report/summary.h"
#include "util/strings.h"

namespace codegate {
namespace {

// Text as XML 1.0 character data or an attribute value: valid UTF-8 first, then the five
// special characters escaped, and every character XML 1.0 cannot carry at all (controls other
// than tab and line ends, U+FFFE, U+FFFF) replaced, because no reader accepts them even escaped.
// In attributes line ends are written as references, or parsers would fold them into spaces.
std::string xml_escape(std::string_view raw, bool attribute) {
  std::string text = util::to_valid_utf8(raw);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += attribute ? "&quot;" : "\""; continue;
      case '\'': out += attribute ? "&apos;" : "'"; continue;
      case '\n': out += attribute ? "&#10;" : "\n"; continue;
      case '\r': out += "&#13;"; continue;
      case '\t': out += attribute ? "&#9;" : "\t"; continue;
      default: break;
    }
    if (byte < 0x20) {
      out += "\xEF\xBF\xBD"; // U+FFFD
      continue;
    }
    // U+FFFE and U+FFFF are EF BF BE / EF BF BF.
    if (byte == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(text[i + 2]) == 0xBE || static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
      out += "\xEF\xBF\xBD";
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

std::string attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + xml_escape(value, true) + "\"";
}

// "src/app.py:5:12: error pylint/E0602 (undefined-variable): Undefined variable 'x'"
std::string finding_line(const Finding& f) {
  std::string line = f.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ": " +
                     std::string(to_string(f.level)) + " " + qualified_rule(f);
  if (!f.rule_name.empty()) line += " (" + f.rule_name + ")";
  if (f.cwe) line += " [CWE-" + std::to_string(*f.cwe) + "]";
  return line + ": " + f.message;
}

struct FileCase {
  std::vector<const Finding*> failing;  // reported findings that fail the gate: <failure>s
  std::vector<const Finding*> advisory; // reported findings that do not: listed in <system-out>
};

} // namespace

std::string render_junit(const CheckResult& result) {
  const FilterMode mode = result.filter_mode;
  // Every checked file is a test case, passing or not, so the test tab shows what was checked;
  // a reported finding in a file that was not analysed (too large) adds that file.
  std::map<std::string, FileCase> cases;
  for (const auto& path : result.checked_files) cases[path];
  for (const Finding* f : in_report_order(result.findings)) {
    if (!f->filter.reported) continue;
    auto& file_case = cases[f->path.empty() ? std::string("codegate") : f->path];
    (f->fails_gate ? file_case.failing : file_case.advisory).push_back(f);
  }
  int failures = 0;
  for (const auto& [path, file_case] : cases) failures += static_cast<int>(file_case.failing.size());
  const std::string tests = std::to_string(cases.size());

  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<testsuites" + attr("name", "codegate") + attr("tests", tests) + attr("failures", std::to_string(failures)) +
         attr("errors", "0") + ">\n";
  xml += "  <testsuite" + attr("name", "codegate") + attr("tests", tests) +
         attr("failures", std::to_string(failures)) + attr("errors", "0") + attr("skipped", "0") + ">\n";
  xml += "    <properties>\n";
  auto property = [&xml](std::string_view name, std::string_view value) {
    xml += "      <property" + attr("name", name) + attr("value", value) + "/>\n";
  };
  if (!result.base_sha.empty()) property("base", result.base_sha);
  if (!result.head_sha.empty()) property("head", result.head_sha);
  property("filter_mode", to_string(mode));
  for (const auto& tool : result.tools)
    property(tool.name, tool.status == ToolStatus::ok ? tool.version : std::string(to_string(tool.status)));
  property("failed", result.failed ? "true" : "false");
  xml += "    </properties>\n";

  for (const auto& [path, file_case] : cases) {
    xml += "    <testcase" + attr("name", path) + attr("classname", "codegate");
    if (file_case.failing.empty() && file_case.advisory.empty()) {
      xml += "/>\n";
      continue;
    }
    xml += ">\n";
    for (const Finding* f : file_case.failing) {
      std::string message = "line " + std::to_string(f->line) + ": " + (f->message.empty() ? f->rule_id : f->message);
      xml += "      <failure" + attr("type", qualified_rule(*f)) + attr("message", message) + ">";
      std::string body = finding_line(*f);
      for (const auto& remark : finding_remarks(*f, mode)) body += "\n" + remark;
      if (!f->snippet.empty()) body += "\n" + f->snippet.substr(0, f->snippet.find_last_not_of('\n') + 1);
      if (!f->help_uri.empty()) body += "\n" + f->help_uri;
      xml += xml_escape(body, false) + "</failure>\n";
    }
    if (!file_case.advisory.empty()) {
      std::string body;
      for (const Finding* f : file_case.advisory) body += finding_line(*f) + " (does not fail the gate)\n";
      xml += "      <system-out>" + xml_escape(body, false) + "</system-out>\n";
    }
    xml += "    </testcase>\n";
  }
  const auto notes = report_notes(result);
  if (!notes.empty()) xml += "    <system-out>" + xml_escape(util::join(notes, "\n") + "\n", false) + "</system-out>\n";
  xml += "  </testsuite>\n</testsuites>\n";
  return xml;
}

} // namespace codegate
