#include "pipeline/merge.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/error.h"
#include "pipeline/report_writer.h"
#include "platform/publish.h"
#include "platform/review_plan.h"
#include "report/json_reader.h"
#include "util/files.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate {
namespace {

std::string shard_name(const ShardInfo& shard) {
  return "shard " + std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

ShardReport read_shard_report(const std::string& file) {
  auto text = util::read_file(file);
  if (!text)
    throw ToolError("cannot read the shard report " + file + ": did its job fail, or was its artifact not downloaded?");
  auto result = parse_json_report(*text);
  if (!result) throw ToolError(file + " is not a codegate JSON report: " + result.error());
  if (!result->shard)
    throw ToolError(file + " is the report of an unsharded check; merge takes `check --shard K/N --json FILE` reports");
  return {file, std::move(*result)};
}

// Every shard must be one part of the same check: same change, same split, same settings.
void check_consistent(const std::vector<ShardReport>& shards) {
  const CheckResult& first = shards.front().result;
  const int count = first.shard->count;
  std::map<int, std::string> seen;
  for (const auto& report : shards) {
    // Named, not bound: clang 14 (the fuzz build) cannot capture structured bindings.
    const std::string& file = report.file;
    const CheckResult& result = report.result;
    const ShardInfo& shard = *result.shard;
    auto differs = [&](const std::string& what) {
      return ToolError(shard_name(shard) + " (" + file + ") is about another " + what + " than " +
                       shard_name(*first.shard) + " (" + shards.front().file + "): merge the shards of one run");
    };
    if (shard.count != count) throw differs("split (--shard K/" + std::to_string(shard.count) + ")");
    if (result.base_sha != first.base_sha || result.head_sha != first.head_sha) throw differs("change");
    if (shard.change_files != first.shard->change_files || result.filter_mode != first.filter_mode ||
        result.baseline_applied != first.baseline_applied || shard.comment_level != first.shard->comment_level ||
        result.docstrings_required != first.docstrings_required)
      throw differs("configuration");
    if (auto [it, inserted] = seen.emplace(shard.index, file); !inserted)
      throw ToolError(shard_name(shard) + " is given twice: " + it->second + " and " + file);
  }
  std::vector<std::string> missing;
  for (int index = 1; index <= count; ++index)
    if (seen.count(index) == 0) missing.push_back(std::to_string(index) + "/" + std::to_string(count));
  if (!missing.empty())
    throw ToolError("shard" + std::string(missing.size() == 1 ? " " : "s ") + util::join(missing, ", ") +
                    (missing.size() == 1 ? " is" : " are") +
                    " missing: its job failed or its report was not downloaded; no verdict without every part");
  std::size_t files = 0;
  for (const auto& shard : shards) files += shard.result.shard->changes.size();
  if (files != static_cast<std::size_t>(first.shard->change_files))
    throw ToolError("the shards hold " + std::to_string(files) + " files, the change has " +
                    std::to_string(first.shard->change_files) + ": they were not split from one change");
}

// One entry per analyzer, in the order the shards first name them; a shard that could not run
// it (skipped, unavailable) decides the status, and two versions of one tool are two images.
std::vector<ToolRun> merge_tools(const std::vector<ShardReport>& shards) {
  std::vector<ToolRun> tools;
  std::map<std::string, std::string> version_from;
  for (const auto& [file, result] : shards) {
    for (const auto& run : result.tools) {
      auto it = std::find_if(tools.begin(), tools.end(), [&](const ToolRun& t) { return t.name == run.name; });
      if (it == tools.end()) {
        tools.push_back(run);
        version_from[run.name] = file;
        continue;
      }
      if (!run.version.empty() && !it->version.empty() && run.version != it->version)
        throw ToolError(run.name + " " + run.version + " ran in " + file + ", " + it->version + " in " +
                        version_from[run.name] + ": every shard must run in the same image");
      if (it->version.empty()) it->version = run.version;
      it->cached_files += run.cached_files;
      if (it->status == ToolStatus::ok && run.status != ToolStatus::ok) {
        it->status = run.status;
        it->note = run.note;
      }
    }
  }
  return tools;
}

} // namespace

CheckResult merge_shards(const std::vector<ShardReport>& given) {
  if (given.empty()) throw UsageError("codegate merge needs the shards' JSON reports (check --shard K/N --json FILE)");
  check_consistent(given);
  // In shard order: every index from 1 to the count is there once (checked above).
  std::vector<ShardReport> shards(given.size());
  for (const auto& shard : given) shards[static_cast<std::size_t>(shard.result.shard->index - 1)] = shard;

  CheckResult merged;
  const CheckResult& first = shards.front().result;
  merged.base_sha = first.base_sha;
  merged.head_sha = first.head_sha;
  merged.filter_mode = first.filter_mode;
  merged.baseline_applied = first.baseline_applied;
  merged.docstrings_required = first.docstrings_required; // one configuration for every shard
  merged.tools = merge_tools(shards);
  std::set<std::string> notes;
  for (const auto& [file, result] : shards) {
    merged.failed = merged.failed || result.failed;
    merged.checked_files.insert(merged.checked_files.end(), result.checked_files.begin(), result.checked_files.end());
    merged.findings.insert(merged.findings.end(), result.findings.begin(), result.findings.end());
    // Every shard repeats the run's own notes (skipped files, the configuration's): once each.
    for (const auto& note : result.notes)
      if (notes.insert(note).second) merged.notes.push_back(note);
  }
  // An unsharded check lists files (and the units of a file) in path order.
  std::sort(merged.checked_files.begin(), merged.checked_files.end());
  std::map<std::string, std::vector<std::string>> docstrings_by_file;
  for (const auto& [file, result] : shards)
    for (const auto& entry : result.missing_docstrings) {
      // "path:line name": the path is what the shard's files hold before ":<line> ".
      std::string owner;
      for (const auto& path : result.checked_files)
        if (entry.rfind(path + ":", 0) == 0 && path.size() > owner.size()) owner = path;
      docstrings_by_file[owner].push_back(entry);
    }
  for (const auto& path : merged.checked_files) {
    auto& entries = docstrings_by_file[path];
    merged.missing_docstrings.insert(merged.missing_docstrings.end(), entries.begin(), entries.end());
  }
  return merged;
}

ChangeSet merged_changes(const std::vector<ShardReport>& shards) {
  ChangeSet changes;
  changes.base_sha = shards.front().result.base_sha;
  changes.head_sha = shards.front().result.head_sha;
  for (const auto& shard : shards)
    changes.files.insert(changes.files.end(), shard.result.shard->changes.begin(), shard.result.shard->changes.end());
  std::sort(changes.files.begin(), changes.files.end(),
            [](const ChangedFile& a, const ChangedFile& b) { return a.path < b.path; });
  return changes;
}

ExitCode run_merge(const MergeOptions& options, const ci::CiContext& ci) {
  // The merge job runs in a checkout of the change too: its links are not followed.
  check_report_paths(options.outputs, ".");
  std::vector<ShardReport> shards;
  for (const auto& file : options.shard_files) shards.push_back(read_shard_report(file));
  CheckResult result = merge_shards(shards);
  const ChangeSet changes = merged_changes(shards);
  util::progress("merged " + std::to_string(shards.size()) + " shards: " + std::to_string(result.checked_files.size()) +
                 " checked Python files");
  write_reports(result, options.outputs, ci, ".");
  publish(
      {.result = result,
       .changes = changes,
       .ci = ci,
       .options = options.outputs.publish,
       .staged = result.head_sha.empty(),
       .commands_on_stdout = options.outputs.format == ReportFormat::text,
       .sarif_file = options.outputs.sarif_file,
       .checkout = ".",
       .comment_level = options.outputs.publish.comment_level.value_or(shards.front().result.shard->comment_level)});
  report_verdict(result, options.outputs);
  return result.failed ? ExitCode::failed : ExitCode::pass;
}

} // namespace codegate
