#include "platform/gitlab_reports.h"

#include <set>

#include "registry/registry.h"
#include "util/hash.h"
#include "util/json_writer.h"
#include "util/timestamp.h"

namespace codegate::platform {
namespace {

bool is_security(const Finding& f) {
  const Analyzer* analyzer = analyzer_for(f);
  return (analyzer != nullptr && analyzer->security()) || f.cwe.has_value();
}

std::string code_quality_severity(const Finding& f) {
  switch (f.level) {
    case Level::error: return f.fails_gate ? "critical" : "major";
    case Level::warning: return f.fails_gate ? "major" : "minor";
    case Level::note: return "info";
  }
  return "minor";
}

std::string category(const Finding& f) {
  if (is_security(f)) return "Security";
  if (is_not_analysed(f)) return "Bug Risk"; // unchecked code, not a matter of style
  if (is_own_finding(f)) return "Clarity";
  return f.level == Level::error ? "Bug Risk" : "Style";
}

std::string sast_severity(const Finding& f) {
  if (f.tool_severity == "HIGH") return "High";
  if (f.tool_severity == "MEDIUM") return "Medium";
  if (f.tool_severity == "LOW") return "Low";
  switch (f.level) {
    case Level::error: return "High";
    case Level::warning: return "Medium";
    case Level::note: return "Low";
  }
  return "Unknown";
}

// A fingerprint that is unique in the report: the finding's own (stable across pushes), with an
// occurrence suffix for the rare finding that shares it.
std::string unique_fingerprint(const Finding& f, std::set<std::string>& used) {
  std::string base = f.fingerprint.empty() ? util::hash_parts({f.tool, f.rule_id, f.path, f.message}) : f.fingerprint;
  std::string candidate = base;
  for (int n = 2; !used.insert(candidate).second; ++n) candidate = base + "-" + std::to_string(n);
  return candidate;
}

// GitLab recommends a UUID for a vulnerability's id; one derived from the fingerprint keeps it
// stable between pipelines.
std::string uuid_from(std::string_view fingerprint) {
  std::string hex =
      util::hex64(util::fnv1a64(fingerprint)) + util::hex64(util::fnv1a64(fingerprint, 0x9e3779b97f4a7c15ULL));
  hex[12] = '5'; // version nibble: name-based
  hex[16] = "89ab"[static_cast<unsigned char>(hex[16]) % 4];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20, 12);
}

std::string tool_version(const CheckResult& result, std::string_view tool) {
  for (const auto& run : result.tools)
    if (run.name == tool && !run.version.empty()) return run.version;
  return "unknown";
}

// The SAST report names one scanner: the first analyzer that is one (Bandit).
const Analyzer* sast_analyzer() {
  for (const Analyzer* analyzer : analyzers())
    if (analyzer->sast_scanner()) return analyzer;
  return nullptr;
}

std::string identifier_name(const Finding& f) {
  const Analyzer* analyzer = analyzer_for(f);
  return analyzer != nullptr ? analyzer->sast_identifier_name(f) : f.tool + " rule " + f.rule_id;
}

} // namespace

std::string render_code_quality(const CheckResult& result) {
  util::JsonWriter json;
  std::set<std::string> used;
  json.start_array();
  for (const auto& f : result.findings) {
    if (!f.filter.reported) continue;
    json.start_object();
    json.member("type", "issue");
    json.member("check_name", f.tool + "/" + f.rule_id);
    std::string description = f.tool + " " + f.rule_id;
    if (!f.rule_name.empty() && f.rule_name != f.rule_id) description += " " + f.rule_name;
    if (f.cwe) description += " (CWE-" + std::to_string(*f.cwe) + ")";
    json.member("description", description + ": " + f.message);
    json.string_array("categories", {category(f)});
    json.member("severity", code_quality_severity(f));
    json.member("fingerprint", unique_fingerprint(f, used));
    json.member("engine_name", f.tool);
    json.key("location");
    json.start_object();
    json.member("path", f.path);
    json.key("lines");
    json.start_object();
    json.member("begin", f.line);
    json.member("end", f.end_line > f.line ? f.end_line : f.line);
    json.end_object();
    json.end_object();
    json.end_object();
  }
  json.end_array();
  return json.finish();
}

std::string render_gitlab_sast(const CheckResult& result, std::string_view time) {
  util::JsonWriter json;
  json.start_object();
  json.member("version", k_sast_schema_version);
  json.key("scan");
  json.start_object();
  json.key("analyzer");
  json.start_object();
  json.member("id", "codegate");
  json.member("name", "codegate");
  json.member("version", CODEGATE_VERSION);
  json.key("vendor");
  json.start_object();
  json.member("name", "codegate");
  json.end_object();
  json.end_object();
  if (const Analyzer* analyzer = sast_analyzer()) {
    SastScanner scanner = *analyzer->sast_scanner();
    json.key("scanner");
    json.start_object();
    json.member("id", scanner.id);
    json.member("name", scanner.name);
    json.member("url", scanner.url);
    json.member("version", tool_version(result, analyzer->name()));
    json.key("vendor");
    json.start_object();
    json.member("name", scanner.vendor);
    json.end_object();
    json.end_object();
  }
  json.member("type", "sast");
  json.member("start_time", time);
  json.member("end_time", time);
  json.member("status", "success");
  json.end_object();

  std::set<std::string> used;
  json.key("vulnerabilities");
  json.start_array();
  for (const auto& f : result.findings) {
    if (!f.filter.reported || !is_security(f)) continue;
    json.start_object();
    json.member("id", uuid_from(unique_fingerprint(f, used)));
    std::string name = f.rule_name.empty() ? f.rule_id : f.rule_name;
    if (name.size() > 255) name = name.substr(0, 255);
    json.member("name", name);
    json.member("description", f.message);
    json.member("severity", sast_severity(f));
    json.key("location");
    json.start_object();
    json.member("file", f.path);
    json.member("start_line", f.line);
    json.member("end_line", f.end_line > f.line ? f.end_line : f.line);
    json.end_object();
    json.key("identifiers");
    json.start_array();
    json.start_object();
    json.member("type", f.tool + "_test_id");
    json.member("name", identifier_name(f));
    json.member("value", f.rule_id);
    if (!f.help_uri.empty()) json.member("url", f.help_uri);
    json.end_object();
    if (f.cwe) {
      json.start_object();
      json.member("type", "cwe");
      json.member("name", "CWE-" + std::to_string(*f.cwe));
      json.member("value", std::to_string(*f.cwe));
      json.member("url", "https://cwe.mitre.org/data/definitions/" + std::to_string(*f.cwe) + ".html");
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return json.finish();
}

std::string sast_time_now() {
  // GitLab's SAST schema takes the time without a zone designator (and means UTC).
  std::string now = util::utc_now();
  return now.substr(0, now.size() - 1);
}

} // namespace codegate::platform
