#include "platform/bitbucket_insights.h"

#include <algorithm>
#include <map>

#include "platform/api_json.h"
#include "platform/comment_text.h"
#include "platform/review_plan.h"
#include "platform/workflow_commands.h"
#include "report/summary.h"
#include "util/strings.h"

namespace codegate::platform {
namespace {

constexpr std::string_view k_report_id = "codegate";
// The API's field limits (Bitbucket Cloud, Code Insights): a report's details and an
// annotation's summary and details.
constexpr std::size_t k_max_details = 2000;
constexpr std::size_t k_max_summary = 450;
constexpr std::size_t k_max_external_id = 200;

// Cut to `limit` bytes at a character boundary, with an ellipsis when cut.
std::string cut(const std::string& text, std::size_t limit) {
  std::string valid = util::to_valid_utf8(text);
  if (valid.size() <= limit) return valid;
  return std::string(util::window_utf8(valid, 0, limit - 3)) + "...";
}

const char* severity(const Finding& f) {
  if (f.fails_gate || f.level == Level::error) return "HIGH";
  return f.level == Level::warning ? "MEDIUM" : "LOW";
}

const char* annotation_type(const Finding& f) {
  if (f.cwe) return "VULNERABILITY";
  return f.level == Level::error ? "BUG" : "CODE_SMELL";
}

std::string annotation_json(const Finding& f, const std::string& external_id) {
  std::string title = f.tool + " " + f.rule_id;
  if (!f.rule_name.empty() && f.rule_name != f.rule_id) title += " " + f.rule_name;
  if (f.cwe) title += " (CWE-" + std::to_string(*f.cwe) + ")";
  std::string details = title + (f.fails_gate ? ": fails the gate" : "");
  if (!f.fix_status.empty()) details += "; refine: " + f.fix_status;
  JsonBody json;
  json.start_object()
      .member("external_id", external_id)
      .member("annotation_type", annotation_type(f))
      .member("summary", cut(f.message, k_max_summary))
      .member("details", cut(details, k_max_details))
      .member("path", f.path)
      .member("severity", severity(f));
  if (f.line > 0) json.member("line", f.line);
  if (f.fails_gate) json.member("result", "FAILED");
  if (util::starts_with(f.help_uri, "https://")) json.member("link", f.help_uri);
  json.end_object();
  return json.str();
}

} // namespace

std::string insights_report_json(const CheckResult& result, const std::string& run_url) {
  ReportCounts counts = count_findings(result);
  std::string details = std::string(result.failed ? "FAILED: " : "PASSED: ") +
                        count_noun(counts.reported, "finding", "findings") + " reported in the change";
  if (counts.failing > 0) details += ", " + failing_phrase(counts.failing);
  details += ".";
  std::string others = other_counts_phrase(counts, result.filter_mode);
  if (!others.empty()) details += " Not shown: " + others + ".";
  // The notes as sentences of their own (the report shows plain text).
  for (const auto& note : report_notes(result)) {
    std::string sentence = " " + note + (note.empty() || note.back() == '.' ? "" : ".");
    if (details.size() + sentence.size() > k_max_details) break;
    details += sentence;
  }
  JsonBody json;
  json.start_object()
      .member("title", "codegate")
      .member("details", cut(details, k_max_details))
      .member("report_type", "BUG")
      .member("reporter", "codegate " CODEGATE_VERSION)
      .member("result", result.failed ? "FAILED" : "PASSED");
  if (util::starts_with(run_url, "https://") || util::starts_with(run_url, "http://")) json.member("link", run_url);
  json.start_array("data");
  auto number = [&](const char* title, int value) {
    json.start_object().member("title", title).member("type", "NUMBER").member("value", value).end_object();
  };
  number("Failing the gate", counts.failing);
  number("Reported", counts.reported);
  number("Errors", counts.errors);
  number("Warnings", counts.warnings);
  number("Notes", counts.notes);
  json.end_array().end_object();
  return json.str();
}

std::vector<std::string> insights_annotation_batches(const CheckResult& result) {
  std::vector<std::string> annotations;
  std::map<std::string, int> seen;
  for (const Finding* f : reported_for_annotations(result)) {
    if (static_cast<int>(annotations.size()) == k_max_insights_annotations) break;
    // Unique within the report, and it names the rule: "bandit/B602/<fingerprint>".
    std::string id = finding_key(*f).substr(std::string_view("finding:").size());
    id = cut(f->tool + "/" + f->rule_id + "/" + id, k_max_external_id);
    if (int copies = seen[id]++; copies > 0) id += "/" + std::to_string(copies);
    annotations.push_back(annotation_json(*f, id));
  }
  std::vector<std::string> batches;
  for (std::size_t start = 0; start < annotations.size(); start += k_insights_batch) {
    std::size_t end = std::min(annotations.size(), start + k_insights_batch);
    std::vector<std::string> part(annotations.begin() + static_cast<std::ptrdiff_t>(start),
                                  annotations.begin() + static_cast<std::ptrdiff_t>(end));
    batches.push_back("[" + util::join(part, ",") + "]");
  }
  return batches;
}

InsightsSummary publish_code_insights(const CheckResult& result, const BitbucketCommit& target, RestClient& api) {
  std::string report =
      "/repositories/" + target.repository + "/commit/" + target.commit + "/reports/" + std::string(k_report_id);
  // A PUT replaces the report but keeps the annotations an earlier run of this commit posted.
  RestReply gone = api.send("DELETE", report);
  if (gone.status != 404) require_ok(gone, "removing the earlier Code Insights report");
  require_ok(api.send("PUT", report, insights_report_json(result, target.run_url)), "creating the Code Insights report");

  InsightsSummary summary;
  for (const auto& batch : insights_annotation_batches(result)) {
    RestReply reply = api.send("POST", report + "/annotations", batch);
    require_ok(reply, "adding the Code Insights annotations");
    auto doc = parse_reply(reply, "the Code Insights annotations");
    summary.annotations += doc.IsArray() ? static_cast<int>(doc.Size()) : 0;
  }
  int reported = static_cast<int>(reported_for_annotations(result).size());
  summary.left_out = std::max(0, reported - k_max_insights_annotations);
  return summary;
}

} // namespace codegate::platform
