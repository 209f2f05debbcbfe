#pragma once
// Everything a check produced, in the form every reporter reads.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/change_set.h"
#include "core/file_fix.h"
#include "core/finding.h"
#include "core/policies.h"

namespace codegate {

enum class FilterMode { added, diff_context, file, nofilter };

// How an analyzer's run ended. not_run (named "") is a ToolRun nobody filled in; the reports say
// "did not run" for it.
enum class ToolStatus { not_run, ok, skipped, unavailable };

std::string_view to_string(ToolStatus status); // "", "ok", "skipped", "unavailable"
std::optional<ToolStatus> parse_tool_status(std::string_view text);

// One analyzer or check stage as it ran: reporters name it (SARIF tool.driver / runs).
struct ToolRun {
  std::string name;    // "pylint", "bandit", "codegate-intent" (Analyzer::name)
  std::string version; // "2.16.2"
  ToolStatus status = ToolStatus::not_run;
  std::string note;     // one line for reports when not ok ("intent check skipped: no LLM configured")
  int cached_files = 0; // files whose findings came from the result cache (pipeline/cached_analysis.h)
};

// One part of a change split over a CI matrix (`check --shard K/N`, pipeline/shard.h): which part,
// and the diff of its files, so `codegate merge` can publish without the repository.
struct ShardInfo {
  int index = 1; // 1-based
  int count = 1;
  int change_files = 0;             // Python files of the whole change, over every shard
  std::vector<ChangedFile> changes; // this shard's files as the change has them, sorted by path
  // The configuration's comment_level (nullopt: failing), which `codegate merge` publishes with:
  // it reads no configuration of its own.
  std::optional<Level> comment_level = Level::warning;
};

struct CheckResult {
  std::string base_sha;
  std::string head_sha; // empty for --staged
  FilterMode filter_mode = FilterMode::added;
  bool baseline_applied = false;          // findings the base already had were told apart (filter/baseline.h)
  std::vector<std::string> checked_files; // Python files analysed, repository-relative
  std::vector<ToolRun> tools;
  std::vector<Finding> findings;               // every finding, annotated by the filter and gate
  std::vector<std::string> notes;              // run-level notes ("no Python files changed")
  std::vector<std::string> missing_docstrings; // "path:line name", from the intent stage
  std::vector<FileFix> fixes;                  // accepted refine revisions (empty without --fix)
  std::optional<FixMode> fix_mode;             // how refine delivered (in the end); nullopt: no refine
  bool failed = false;
  std::optional<ShardInfo> shard; // set by `check --shard`
  // Whether the project requires docstrings (intent.docstring_findings): each missing one is a
  // codegate/missing-docstring finding. False: they are only listed, and the reports count them
  // in one line (report/summary.h, report_notes).
  bool docstrings_required = true;

  int reported_count() const;
  int failing_count() const;
};

std::string_view to_string(FilterMode mode);
std::optional<FilterMode> filter_mode_named(std::string_view text); // nullopt for an unknown name
std::vector<std::string> filter_mode_names();

} // namespace codegate
