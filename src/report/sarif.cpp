// SARIF 2.1.0 as GitHub code scanning reads it: one run per analyzer that ran, plus codegate's own.

#include <algorithm>
#include <stdexcept>

#include <zlib.h>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "registry/registry.h"
#include "report/reports.h"
#include "report/rules.h"
#include "report/sarif_limits.h"
#include "report/suggestion.h"
#include "report/summary.h"
#include "util/json_writer.h"
#include "util/strings.h"

namespace codegate {
namespace {

constexpr const char* k_schema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* k_src_root = "%SRCROOT%";
// The partialFingerprints key: versioned so that a change of filter/fingerprint.cpp can move to
// "codegate/v2" instead of silently re-identifying every alert.
constexpr const char* k_fingerprint_key = "codegate/v1";

// One SARIF run: a tool, the version it reported, and the reported findings it produced.
struct SarifRun {
  std::string tool;
  std::string version;
  std::vector<const Finding*> findings;
  int left_out = 0; // findings of this run the limits left out
};

// A repository-relative path as a URI reference (RFC 3986): only unreserved characters and '/'
// stay as they are; everything else, including spaces, '%', ':' and each byte of a non-ASCII
// character, is percent-encoded, so no file name can turn into a scheme, query or fragment.
std::string path_to_uri(std::string_view path) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string uri;
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    bool keep = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      uri += c;
    } else {
      uri += '%';
      uri += k_hex[byte >> 4];
      uri += k_hex[byte & 0x0F];
    }
  }
  return uri;
}

// Runs in a fixed order: analyzers in the order the check ran them, then any tool that has
// reported findings but no "ok" run (so no finding is ever dropped), then codegate's own run,
// which is always there because the gate itself ran and its notes belong somewhere.
std::vector<SarifRun> plan_runs(const CheckResult& result) {
  std::vector<SarifRun> runs;
  auto find_run = [&runs](const std::string& tool) -> SarifRun* {
    for (auto& run : runs)
      if (run.tool == tool) return &run;
    return nullptr;
  };
  for (const auto& tool_run : result.tools) {
    // A run is named by its findings' tool: the intent check ("codegate-intent") and other
    // codegate stages report as tool "codegate", in the codegate run.
    const Analyzer* analyzer = analyzer_named(tool_run.name);
    std::string tool = analyzer != nullptr ? std::string(analyzer->finding_tool()) : tool_run.name;
    if (tool_run.status != ToolStatus::ok || util::starts_with(tool, k_own_tool)) continue;
    if (find_run(tool) == nullptr) runs.push_back({tool, tool_run.version, {}});
  }
  // Reported findings, and the selected ones an honoured suppression hides: SARIF carries those
  // with `suppressions`, so a viewer can show them as suppressed rather than not at all.
  std::vector<const Finding*> reported;
  for (const Finding* f : in_report_order(result.findings)) {
    bool suppressed = f->filter.selected && !f->filter.in_base && f->suppression;
    if (f->filter.reported || suppressed) reported.push_back(f);
  }
  std::vector<std::string> extra_tools;
  for (const Finding* f : reported)
    if (!is_own_finding(*f) && find_run(f->tool) == nullptr &&
        std::find(extra_tools.begin(), extra_tools.end(), f->tool) == extra_tools.end())
      extra_tools.push_back(f->tool);
  std::sort(extra_tools.begin(), extra_tools.end());
  for (const auto& tool : extra_tools) runs.push_back({tool, "", {}});
  runs.push_back({std::string(k_own_tool), CODEGATE_VERSION, {}});
  for (const Finding* f : reported) find_run(f->tool)->findings.push_back(f);
  return runs;
}

void write_message(util::JsonWriter& json, std::string_view key, std::string_view text) {
  json.key(key);
  json.start_object();
  json.member("text", text);
  json.end_object();
}

void write_rule(util::JsonWriter& json, const SarifRule& rule) {
  json.start_object();
  json.member("id", rule.id);
  json.member("name", rule.name);
  write_message(json, "shortDescription", rule.short_description);
  write_message(json, "fullDescription", rule.full_description);
  json.key("help");
  json.start_object();
  json.member("text", rule.help_text);
  json.member("markdown", rule.help_markdown);
  json.end_object();
  if (!rule.help_uri.empty()) json.member("helpUri", rule.help_uri);
  json.key("defaultConfiguration");
  json.start_object();
  json.member("level", to_string(rule.level));
  json.end_object();
  json.key("properties");
  json.start_object();
  json.string_array("tags", rule.tags);
  if (!rule.precision.empty()) json.member("precision", rule.precision);
  if (!rule.security_severity.empty()) json.member("security-severity", rule.security_severity);
  json.end_object();
  json.end_object();
}

void write_region(util::JsonWriter& json, const Finding& f) {
  json.key("region");
  json.start_object();
  json.member("startLine", std::max(1, f.line));
  json.member("startColumn", std::max(1, f.column));
  // SARIF's endLine defaults to startLine: written only when the region spans lines.
  if (f.end_line > f.line) json.member("endLine", f.end_line);
  if (f.end_column > 0) json.member("endColumn", f.end_column);
  if (!f.snippet.empty()) write_message(json, "snippet", f.snippet);
  json.end_object();
}

// SARIF `fixes` (3.55) for a finding that an accepted refine revision removes: the revision's
// changed line ranges as replacements, so code scanning can offer them. Whole lines are replaced;
// a deletion takes the line ends with it.
void write_fixes(util::JsonWriter& json, const Finding& f, const std::vector<FileFix>& fixes) {
  auto fix = std::find_if(fixes.begin(), fixes.end(), [&](const FileFix& candidate) {
    return candidate.path == f.path &&
           std::find(candidate.fixed_fingerprints.begin(), candidate.fixed_fingerprints.end(), f.fingerprint) !=
               candidate.fixed_fingerprints.end();
  });
  if (fix == fixes.end()) return;
  int original_lines = static_cast<int>(util::split_lines(fix->original).size());
  json.key("fixes");
  json.start_array();
  json.start_object();
  write_message(json, "description",
                "codegate refine, round " + std::to_string(fix->round) +
                    ": an LLM revision of the file that passed the same checks with fewer findings");
  json.key("artifactChanges");
  json.start_array();
  json.start_object();
  json.key("artifactLocation");
  json.start_object();
  json.member("uri", path_to_uri(fix->path));
  json.member("uriBaseId", k_src_root);
  json.end_object();
  json.key("replacements");
  json.start_array();
  for (const auto& suggestion : suggestions_for(*fix)) {
    json.start_object();
    json.key("deletedRegion");
    json.start_object();
    json.member("startLine", suggestion.start_line);
    bool whole_lines_removed = suggestion.replacement.empty() && suggestion.end_line < original_lines;
    if (whole_lines_removed) {
      json.member("startColumn", 1);
      json.member("endLine", suggestion.end_line + 1);
      json.member("endColumn", 1);
    } else {
      json.member("endLine", suggestion.end_line);
    }
    json.end_object();
    write_message(json, "insertedContent", util::join(suggestion.replacement, "\n"));
    json.end_object();
  }
  json.end_array();
  json.end_object();
  json.end_array();
  json.end_object();
  json.end_array();
}

void write_result(util::JsonWriter& json, const Finding& f, const std::map<std::string, int>& rule_index,
                  const std::vector<FileFix>& fixes, bool baseline_applied) {
  json.start_object();
  std::string rule_id = sarif_rule_id(f);
  json.member("ruleId", rule_id);
  json.member("ruleIndex", rule_index.at(rule_id));
  // Test code's advisory findings are notes to code scanning, whatever the tool's own level.
  json.member("level", to_string(!f.role.empty() && !f.advisory.empty() ? Level::note : f.level));
  write_message(json, "message", f.message.empty() ? rule_id : f.message);
  json.key("locations");
  json.start_array();
  json.start_object();
  json.key("physicalLocation");
  json.start_object();
  json.key("artifactLocation");
  json.start_object();
  json.member("uri", path_to_uri(f.path));
  json.member("uriBaseId", k_src_root);
  json.end_object();
  write_region(json, f);
  json.end_object();
  json.end_object();
  json.end_array();
  if (!f.fingerprint.empty()) {
    json.key("partialFingerprints");
    json.start_object();
    json.member(k_fingerprint_key, f.fingerprint);
    json.end_object();
  }
  write_fixes(json, f, fixes);
  if (f.suppression) {
    json.key("suppressions");
    json.start_array();
    json.start_object();
    json.member("kind", "inSource");
    json.member("status", f.suppression->honoured ? "accepted" : "rejected");
    json.member("justification", f.suppression->comment);
    json.end_object();
    json.end_array();
  }
  if (baseline_applied) json.member("baselineState", "new"); // the base's findings are not results
  json.key("properties");
  json.start_object();
  json.member("failsGate", f.fails_gate);
  if (!f.tool_severity.empty()) json.member("toolSeverity", f.tool_severity);
  if (!f.confidence.empty()) json.member("confidence", f.confidence);
  if (!f.fix_status.empty()) json.member("fixStatus", f.fix_status);
  if (f.suppression) json.member("suppressedBy", to_string(f.suppression->by));
  if (!f.advisory.empty()) json.member("advisory", f.advisory);
  if (!f.role.empty()) json.member("role", f.role);
  json.end_object();
  json.end_object();
}

void write_run(util::JsonWriter& json, const SarifRun& run, const CheckResult& result,
               const std::vector<std::string>& notes) {
  bool is_codegate = run.tool == k_own_tool;
  std::vector<SarifRule> rules = describe_rules(run.findings);
  std::map<std::string, int> rule_index;
  for (std::size_t i = 0; i < rules.size(); ++i) rule_index[rules[i].id] = static_cast<int>(i);

  json.start_object();
  json.key("tool");
  json.start_object();
  json.key("driver");
  json.start_object();
  json.member("name", run.tool);
  if (!run.version.empty()) json.member("version", run.version);
  auto information_uri = tool_information_uri(run.tool);
  if (!information_uri.empty()) json.member("informationUri", information_uri);
  json.key("rules");
  json.start_array();
  for (const auto& rule : rules) write_rule(json, rule);
  json.end_array();
  json.end_object();
  json.end_object();

  json.key("invocations");
  json.start_array();
  json.start_object();
  json.member("executionSuccessful", true);
  json.end_object();
  json.end_array();

  json.key("originalUriBaseIds");
  json.start_object();
  json.key(k_src_root);
  json.start_object();
  // No "uri": the checkout's absolute path differs between the CI machine and the reader, and
  // GitHub resolves %SRCROOT% to the repository root itself.
  write_message(json, "description", "The root of the checked repository.");
  json.end_object();
  json.end_object();

  json.key("results");
  json.start_array();
  for (const Finding* f : run.findings) write_result(json, *f, rule_index, result.fixes, result.baseline_applied);
  json.end_array();

  json.key("properties");
  json.start_object();
  std::vector<std::string> run_notes = notes;
  if (run.left_out > 0) {
    json.member("resultsLeftOut", run.left_out);
    run_notes.push_back(std::to_string(run.left_out) + " results of this run are left out to stay inside GitHub code "
                        "scanning's limits; the failing ones and the higher levels were kept");
  }
  json.string_array("notes", run_notes);
  if (is_codegate) {
    json.member("filterMode", to_string(result.filter_mode));
    json.member("baseline", result.baseline_applied ? "base" : "none");
    json.member("failed", result.failed);
  }
  json.end_object();
  json.end_object();
}

// The gzipped size of `text` (what GitHub counts), computed without keeping the output.
std::size_t gzipped_size(const std::string& text) {
  z_stream stream{};
  // 15 + 16: a gzip header and trailer, as `gzip -c` writes them.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib cannot start a gzip stream");
  std::vector<unsigned char> out(64 * 1024);
  std::size_t total = 0;
  stream.next_in = reinterpret_cast<unsigned char*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    stream.next_out = out.data();
    stream.avail_out = static_cast<uInt>(out.size());
    status = deflate(&stream, Z_FINISH);
    if (status == Z_STREAM_ERROR) break;
    total += out.size() - stream.avail_out;
  }
  deflateEnd(&stream);
  return total;
}

// Which findings a run keeps first: those that fail the gate, then by level, suppressed last.
int keep_rank(const Finding& f) {
  if (!f.filter.reported) return 4;
  if (f.fails_gate) return 0;
  return f.level == Level::error ? 1 : f.level == Level::warning ? 2 : 3;
}

// Keeps at most `cap` findings of each run, the first by keep_rank, in report order.
std::vector<SarifRun> cap_runs(std::vector<SarifRun> runs, int cap) {
  for (auto& run : runs) {
    if (static_cast<int>(run.findings.size()) <= cap) continue;
    std::vector<std::size_t> order(run.findings.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return keep_rank(*run.findings[a]) < keep_rank(*run.findings[b]);
    });
    order.resize(static_cast<std::size_t>(cap));
    std::sort(order.begin(), order.end());
    std::vector<const Finding*> kept;
    for (std::size_t i : order) kept.push_back(run.findings[i]);
    run.left_out = static_cast<int>(run.findings.size() - kept.size());
    run.findings = std::move(kept);
  }
  return runs;
}

std::string render_runs(const std::vector<SarifRun>& runs, const CheckResult& result,
                        const std::vector<std::string>& notes) {
  util::JsonWriter json;
  json.start_object();
  json.member("$schema", k_schema);
  json.member("version", "2.1.0");
  json.key("runs");
  json.start_array();
  for (const auto& run : runs) write_run(json, run, result, notes);
  json.end_array();
  json.end_object();
  return json.finish();
}

} // namespace

SarifDocument render_sarif_within(const CheckResult& result, const SarifLimits& limits) {
  std::vector<std::string> notes = report_notes(result);
  std::vector<SarifRun> planned = plan_runs(result);
  // More runs than an upload takes can only come from merged reports naming many tools: the
  // extra tools' findings go into codegate's run (the last), which is always there.
  while (static_cast<int>(planned.size()) > limits.max_runs && planned.size() >= 2) {
    SarifRun extra = std::move(planned[planned.size() - 2]);
    planned.erase(planned.end() - 2);
    auto& last = planned.back().findings;
    last.insert(last.end(), extra.findings.begin(), extra.findings.end());
  }
  int cap = limits.results_per_run;
  for (;;) {
    std::vector<SarifRun> runs = cap_runs(planned, cap);
    SarifDocument doc{render_runs(runs, result, notes), 0};
    for (const auto& run : runs) doc.results_left_out += run.left_out;
    if (cap == 0 || gzipped_size(doc.text) <= limits.max_gzipped_bytes) return doc;
    cap /= 2;
  }
}

std::string render_sarif(const CheckResult& result) { return render_sarif_within(result).text; }

std::string sarif_left_out_note(int results_left_out) {
  if (results_left_out <= 0) return "";
  return "the SARIF report leaves out " + std::to_string(results_left_out) +
         " results to stay inside GitHub code scanning's limits (5,000 results a run, 10 MB gzipped); the failing "
         "findings and the higher levels were kept, the JSON report has every one";
}

} // namespace codegate
