// reviewdog's Diagnostic Format (rdjson, proto/rdf in reviewdog's repository): a team that runs
// reviewdog can pipe codegate's findings into any of its reporters with `reviewdog -f=rdjson`.
// The test suite validates the output against the DiagnosticResult JSON schema vendored from
// reviewdog.

#include <algorithm>
#include <string>
#include <vector>

#include "report/reports.h"
#include "report/rules.h"
#include "report/suggestion.h"
#include "report/summary.h"
#include "util/json_writer.h"
#include "util/strings.h"

namespace codegate {
namespace {

std::string_view rdjson_severity(Level level) {
  switch (level) {
    case Level::error: return "ERROR";
    case Level::warning: return "WARNING";
    case Level::note: return "INFO";
  }
  return "UNKNOWN_SEVERITY";
}

void write_position(util::JsonWriter& json, std::string_view key, int line, int column) {
  json.key(key);
  json.start_object();
  json.member("line", line);
  if (column > 0) json.member("column", column);
  json.end_object();
}

// The accepted refine revision that removes `f`, as line-wise suggestions: rdjson ranges without
// columns cover whole lines including their line ends, so the text carries its own.
void write_suggestions(util::JsonWriter& json, const Finding& f, const std::vector<FileFix>& fixes) {
  auto fix = std::find_if(fixes.begin(), fixes.end(), [&](const FileFix& candidate) {
    return candidate.path == f.path &&
           std::find(candidate.fixed_fingerprints.begin(), candidate.fixed_fingerprints.end(), f.fingerprint) !=
               candidate.fixed_fingerprints.end();
  });
  if (fix == fixes.end()) return;
  json.key("suggestions");
  json.start_array();
  for (const auto& suggestion : suggestions_for(*fix)) {
    json.start_object();
    json.key("range");
    json.start_object();
    write_position(json, "start", suggestion.start_line, 0);
    write_position(json, "end", suggestion.end_line, 0);
    json.end_object();
    std::string text;
    for (const auto& line : suggestion.replacement) text += line + "\n";
    json.member("text", text);
    json.end_object();
  }
  json.end_array();
}

void write_diagnostic(util::JsonWriter& json, const Finding& f, const CheckResult& result) {
  json.start_object();
  std::string message = f.message.empty() ? f.rule_id : f.message;
  for (const auto& remark : finding_remarks(f, result.filter_mode)) message += "\n" + remark;
  json.member("message", message);
  json.key("location");
  json.start_object();
  json.member("path", f.path);
  json.key("range");
  json.start_object();
  write_position(json, "start", std::max(1, f.line), std::max(1, f.column));
  // rdjson's end is exclusive, like codegate's end column; without an end column the range is
  // the start position only (reviewdog then marks the line).
  if (f.end_column > 0) write_position(json, "end", std::max(f.end_line, f.line), f.end_column);
  json.end_object();
  json.end_object();
  json.member("severity", rdjson_severity(f.level));
  json.key("source");
  json.start_object();
  json.member("name", f.tool);
  auto uri = tool_information_uri(f.tool);
  if (!uri.empty()) json.member("url", uri);
  json.end_object();
  json.key("code");
  json.start_object();
  json.member("value", sarif_rule_id(f));
  if (!f.help_uri.empty()) json.member("url", f.help_uri);
  json.end_object();
  write_suggestions(json, f, result.fixes);
  json.end_object();
}

} // namespace

std::string render_rdjson(const CheckResult& result) {
  util::JsonWriter json;
  json.start_object();
  json.key("source");
  json.start_object();
  json.member("name", "codegate");
  auto uri = tool_information_uri("codegate");
  if (!uri.empty()) json.member("url", uri);
  json.end_object();
  // The findings codegate reports (the filter mode, the baseline and the suppressions already
  // applied), so reviewdog's own diff filter sees what the gate decided on.
  json.key("diagnostics");
  json.start_array();
  for (const Finding* f : in_report_order(result.findings))
    if (f->filter.reported) write_diagnostic(json, *f, result);
  json.end_array();
  json.end_object();
  return json.finish();
}

} // namespace codegate
