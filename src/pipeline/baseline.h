#pragma once
// Builds the baseline (filter/baseline.h) by analysing the base revision, paying only where a
// finding can be old or the change can have caused it: only the tools that produced a selected
// head finding or a failing one off the change's lines, each for those rules only; the base
// versions of changed and deleted files whose text contains the code of a selected finding (a
// finding's key holds its code, so a base file without that code cannot hold its match), and the
// base version of every changed file with a failing finding off the change's lines. Each base
// file in its role at the base, from the base's settings: generated, vendored and excluded ones
// that no product code reached are not analysed (they had no finding that could fail), test
// code's findings get the test-code policy, upstream code product code reached its own. A change without such a file costs no second analysis at all.

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

// A head finding the filter did not select, in a changed file, of an analyzer the base can have
// too, that would fail the gate were it reported: the baseline decides whether the change caused it.
bool may_be_caused(const Finding& finding, const Config& config);

// The base paths to analyse for these annotated head findings (each analyzer gets those that can
// hold one of its findings); empty when none can be old or caused.
std::vector<std::string> baseline_files(const ChangeSet& changes, const std::vector<Finding>& head,
                                        const Config& config, const git::Snapshot& base);

// Analyses the base revision for these head findings (annotated by the diff filter, test code's
// policy applied) and returns its findings. Throws ToolError like the head's analysis: a baseline
// that could not be built is never taken as "nothing existed".
Baseline build_baseline(const BaselineRequest& request, const std::vector<Finding>& head);

// Marks the head findings the baseline has (their units came with the analysis,
// pipeline/finding_units.h), and selects those the change caused off its lines (may_be_caused,
// and the base did not have them); returns how many it marked old.
int apply_baseline(const Baseline& baseline, std::vector<Finding>& head, const ChangeSet& changes,
                   const Config& config);

} // namespace codegate
