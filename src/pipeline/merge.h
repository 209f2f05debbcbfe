#pragma once
// `codegate merge`: the shards of a CI matrix (`check --shard K/N`, each a JSON report) become one
// result, reported and published once: one verdict, one SARIF with a run per tool, one sticky
// comment and review. A shard that is missing, unreadable, given twice or about another change
// fails the merge (exit 3) and is named: a part of the change nobody checked is never a pass.

#include <string>
#include <vector>

#include "ci/ci_context.h"
#include "core/check_result.h"
#include "core/exit_code.h"
#include "pipeline/check_options.h"

namespace codegate {

struct MergeOptions {
  std::vector<std::string> shard_files; // the shards' --json reports
  CheckOptions outputs;                 // only its report files, --format and publish options are read
};

// One shard's report as read from its file.
struct ShardReport {
  std::string file;
  CheckResult result;
};

// The whole change's result from its shards' (ordered as an unsharded check orders it). Throws
// ToolError naming the shard that is missing, repeated or inconsistent with the others.
CheckResult merge_shards(const std::vector<ShardReport>& shards);

// The change's diff as the shards carry it, for placing review comments.
ChangeSet merged_changes(const std::vector<ShardReport>& shards);

// Reads the shards, merges them, writes the reports and publishes. Throws UsageError / ToolError.
ExitCode run_merge(const MergeOptions& options, const ci::CiContext& ci);

} // namespace codegate
