#pragma once
// Builds the baseline (filter/baseline.h) by analysing the base revision: only when a head
// finding is selected, only with the tools that produced one, and only on the base versions of
// the files a selected finding is in and of the files code can have moved from (those that lost
// lines, renamed files by their old path, deleted files).

#include <map>
#include <string>
#include <vector>

#include "core/change_set.h"
#include "filter/baseline.h"
#include "git/repository.h"
#include "pipeline/trusted_config.h"

namespace codegate {

struct BaselineRequest {
  const git::Repository& repo;
  const ChangeSet& changes; // its base_sha is the revision analysed
  const TrustedConfig& trusted;
  int jobs = 1;
};

// Whether the baseline applies: `baseline: base` with a mode that asks what the change added
// (added, diff_context). `file` and `nofilter` hold the whole file to the thresholds, old
// findings included, so there the baseline would undo the mode.
bool baseline_applies(const Config& config);

// The base paths to analyse for these annotated head findings; empty when none is selected.
std::vector<std::string> baseline_files(const ChangeSet& changes, const std::vector<Finding>& head,
                                        const Config& config);

// Analyses the base revision and returns its findings' keys. Throws ToolError like the head's
// analysis: a baseline that could not be built is never taken as "nothing existed".
Baseline build_baseline(const BaselineRequest& request, const std::vector<Finding>& head);

// Fills Finding::unit of Pylint and Bandit findings from the sources' function and class spans.
void attach_units(std::vector<Finding>& findings, const std::map<std::string, std::string>& sources);

// Gives the selected head findings their units and marks those the baseline has.
int apply_baseline(const Baseline& baseline, std::vector<Finding>& head,
                   const std::map<std::string, std::string>& head_sources);

} // namespace codegate
