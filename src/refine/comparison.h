#pragma once
// "Strictly better": a revision survives only when it removes at least one targeted failing
// finding and brings no failing finding that the revision it improves on did not have.

#include <set>
#include <string>
#include <vector>

#include "core/finding.h"

namespace codegate::refine {

struct Comparison {
  std::vector<Finding> removed;    // failing before, gone in the candidate
  std::vector<Finding> introduced; // failing in the candidate, not before
  int targets_removed = 0;         // how many of `removed` are targets
  bool better = false;
  std::string reason; // why it is not better; empty when it is
};

// `current` and `candidate`: the failing findings of one file in the revision being improved and
// in the candidate. Findings are the same when their fingerprints are (tool, rule, normalised
// snippet, occurrence: line shifts do not matter, an edited line is a different finding).
// `targets`: fingerprints of the findings the loop is asked to remove.
Comparison compare_failing(const std::vector<Finding>& current, const std::vector<Finding>& candidate,
                           const std::set<std::string>& targets);

// "bandit B602 at line 7: subprocess call with shell=True identified" for feedback and notes.
std::string describe_finding(const Finding& finding);

} // namespace codegate::refine
