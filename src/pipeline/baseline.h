#pragma once
// Builds the baseline (filter/baseline.h) by analysing the base revision, paying only where a
// finding can be old: only the tools that produced a selected head finding, and only the base
// versions of changed and deleted files whose text contains the code of such a finding (a
// finding's key holds its code, so a base file without that code cannot hold its match). A
// change without such a file costs no second analysis at all.

#include <string>
#include <vector>

#include "core/change_set.h"
#include "filter/baseline.h"
#include "git/repository.h"
#include "git/snapshot.h"
#include "pipeline/trusted_config.h"
#include "util/process_runner.h"

namespace codegate {

struct BaselineRequest {
  const git::Repository& repo;
  const ChangeSet& changes; // its base_sha is the revision analysed
  const TrustedConfig& trusted;
  util::ProcessRunner& processes;
  int jobs = 1;
};

// Whether the baseline applies: `baseline: base` with a mode that asks what the change added
// (added, diff_context). `file` and `nofilter` hold the whole file to the thresholds, old
// findings included, so there the baseline would undo the mode.
bool baseline_applies(const Config& config);

// The base paths to analyse for these annotated head findings; empty when none can be old.
std::vector<std::string> baseline_files(const ChangeSet& changes, const std::vector<Finding>& head,
                                        const Config& config, const git::Snapshot& base);

// Analyses the base revision and returns its findings' keys. Throws ToolError like the head's
// analysis: a baseline that could not be built is never taken as "nothing existed".
Baseline build_baseline(const BaselineRequest& request, const std::vector<Finding>& head);

// Marks the head findings the baseline has (their units came with the analysis,
// pipeline/finding_units.h); returns how many.
int apply_baseline(const Baseline& baseline, std::vector<Finding>& head);

} // namespace codegate
