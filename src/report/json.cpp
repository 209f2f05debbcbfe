// The machine-readable report: every finding, reported or not, with the facts every decision used.

#include "git/buffer_diff.h"
#include "report/reports.h"
#include "report/summary.h"
#include "util/json_writer.h"

namespace codegate {
namespace {

// Bumped when a field changes meaning or disappears; adding a field keeps the version.
constexpr int k_json_version = 1;

void write_filter(util::JsonWriter& json, const FilterState& filter) {
  json.key("filter");
  json.start_object();
  json.member("in_changed_file", filter.in_changed_file);
  json.member("in_diff_context", filter.in_diff_context);
  json.member("on_added_line", filter.on_added_line);
  json.member("selected", filter.selected);
  json.member("reported", filter.reported);
  json.key("matched_lines");
  json.start_array();
  for (int line : filter.matched_lines) json.integer(line);
  json.end_array();
  // Selected by the baseline on no line the mode matches: the change caused it (filter/baseline.h).
  if (filter.caused_by_change) json.member("caused_by_change", true);
  json.end_object();
}

void write_suppression(util::JsonWriter& json, const std::optional<Suppression>& suppression) {
  json.key("suppression");
  if (!suppression) {
    json.null();
    return;
  }
  json.start_object();
  json.member("line", suppression->line);
  json.member("comment", suppression->comment);
  json.member("by", to_string(suppression->by));
  json.member("honoured", suppression->honoured);
  json.end_object();
}

void write_finding(util::JsonWriter& json, const Finding& f, bool baseline_applied) {
  json.start_object();
  json.member("tool", f.tool);
  json.member("rule_id", f.rule_id);
  json.member("rule_name", f.rule_name);
  json.key("cwe");
  if (f.cwe) {
    json.integer(*f.cwe);
  } else {
    json.null();
  }
  json.member("level", to_string(f.level));
  json.member("tool_severity", f.tool_severity);
  json.member("confidence", f.confidence);
  json.member("path", f.path);
  json.member("line", f.line);
  json.member("column", f.column);
  // The model's 0 means "same line" / "unknown"; a reader of the file should not need to know that.
  json.member("end_line", f.end_line > 0 ? f.end_line : f.line);
  json.key("end_column");
  if (f.end_column > 0) {
    json.integer(f.end_column);
  } else {
    json.null();
  }
  json.member("message", f.message);
  json.member("snippet", f.snippet);
  json.member("help_uri", f.help_uri);
  json.member("fingerprint", f.fingerprint);
  json.member("unit", f.unit);
  write_filter(json, f.filter);
  // "existing": the base had the same finding (it never fails); "new"; null: no baseline was used.
  json.key("baseline");
  if (baseline_applied) {
    json.string(f.filter.in_base ? "existing" : "new");
  } else {
    json.null();
  }
  // Why it is new although the base had something like it, or although it lies off the change's lines.
  if (!f.filter.new_because.empty()) json.member("new_because", f.filter.new_because);
  write_suppression(json, f.suppression);
  if (!f.advisory.empty()) json.member("advisory", f.advisory);
  if (!f.role.empty()) json.member("role", f.role);
  json.member("fails_gate", f.fails_gate);
  if (!f.fix_status.empty()) json.member("fix_status", f.fix_status);
  json.end_object();
}

void write_summary(util::JsonWriter& json, const ReportCounts& counts) {
  json.key("summary");
  json.start_object();
  json.member("total", counts.total);
  json.member("reported", counts.reported);
  json.member("failing", counts.failing);
  json.member("outside_diff", counts.outside_diff);
  json.member("in_base", counts.in_base);
  json.member("suppressed", counts.suppressed);
  json.member("suppressed_in_change", counts.suppressed_in_change);
  json.key("reported_by_level");
  json.start_object();
  json.member("error", counts.errors);
  json.member("warning", counts.warnings);
  json.member("note", counts.notes);
  json.end_object();
  json.end_object();
}

void write_tools(util::JsonWriter& json, const std::vector<ToolRun>& tools) {
  json.key("tools");
  json.start_array();
  for (const auto& run : tools) {
    json.start_object();
    json.member("name", run.name);
    json.member("version", run.version);
    json.member("status", to_string(run.status));
    json.member("note", run.note);
    json.member("cached_files", run.cached_files);
    json.end_object();
  }
  json.end_array();
}

// Accepted refine revisions, each with the patch that applies it (`git apply` reads it).
void write_fixes(util::JsonWriter& json, const CheckResult& result) {
  json.member("fix_mode", result.fix_mode ? to_string(*result.fix_mode) : std::string_view());
  json.key("fixes");
  json.start_array();
  for (const auto& fix : result.fixes) {
    json.start_object();
    json.member("path", fix.path);
    json.member("round", fix.round);
    json.string_array("fixed_fingerprints", fix.fixed_fingerprints);
    json.member("patch", git::unified_patch(fix.path, fix.original, fix.revised));
    json.end_object();
  }
  json.end_array();
}

// `check --shard`: which part of the change this is, and its files' diff (what `codegate merge`
// needs to place review comments without the repository).
void write_shard(util::JsonWriter& json, const ShardInfo& shard) {
  json.key("shard");
  json.start_object();
  json.member("index", shard.index);
  json.member("count", shard.count);
  json.member("change_files", shard.change_files);
  json.member("comment_level", std::string(inline_level_name(shard.comment_level)));
  json.key("changes");
  json.start_array();
  for (const auto& file : shard.changes) {
    json.start_object();
    json.member("path", file.path);
    json.member("old_path", file.old_path);
    json.member("status", to_string(file.status));
    json.member("removed_lines", file.removed_lines);
    for (auto [name, lines] :
         {std::pair{"added_lines", &file.added_lines}, std::pair{"context_lines", &file.context_lines}}) {
      json.key(name);
      json.start_array();
      for (int line : *lines) json.integer(line);
      json.end_array();
    }
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

} // namespace

std::string render_json(const CheckResult& result) {
  util::JsonWriter json;
  json.start_object();
  json.member("version", k_json_version);
  json.member("base", result.base_sha);
  // --staged has no head commit: null says so more plainly than an empty string.
  json.key("head");
  if (result.head_sha.empty()) {
    json.null();
  } else {
    json.string(result.head_sha);
  }
  json.member("filter_mode", to_string(result.filter_mode));
  json.member("baseline", result.baseline_applied ? "base" : "none");
  json.member("failed", result.failed);
  write_summary(json, count_findings(result));
  write_tools(json, result.tools);
  json.string_array("notes", result.notes);
  json.string_array("checked_files", result.checked_files);
  json.string_array("missing_docstrings", result.missing_docstrings);
  json.member("docstrings_required", result.docstrings_required);
  write_fixes(json, result);
  if (result.shard) write_shard(json, *result.shard);
  json.key("findings");
  json.start_array();
  for (const Finding* f : in_report_order(result.findings)) write_finding(json, *f, result.baseline_applied);
  json.end_array();
  json.end_object();
  return json.finish();
}

} // namespace codegate
