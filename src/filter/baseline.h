#pragma once
// The baseline, as semgrep ci has one: the findings the base revision already had, as keys that
// survive moving code. A head finding whose key the base has is not new: it never fails the gate,
// is not posted as a new comment, and reports count it ("3 already in the base").
//
// The key is the tool, the rule, the region's code with whitespace squeezed, and the name of the
// innermost enclosing function or class; neither the line nor the path, so a function moved
// down its file or into another file keeps its findings' keys. (The SARIF fingerprint keeps the
// path: it identifies a result in one file across runs, which is another question.)

#include <map>
#include <string>
#include <vector>

#include "core/finding.h"

namespace codegate {

std::string baseline_key(const Finding& finding);

class Baseline {
public:
  Baseline() = default;
  explicit Baseline(const std::vector<Finding>& base_findings);

  // Marks the selected findings whose key the base has, no more of each key than the base has:
  // in_base set, reported cleared. The base's copies go first to the head's copies on no added
  // line (selected or not: an unselected one spends its copy unmarked), then in path and line
  // order. Returns how many it marked.
  int mark(std::vector<Finding>& head) const;

  bool empty() const { return counts_.empty(); }

private:
  std::map<std::string, int> counts_;
};

} // namespace codegate
