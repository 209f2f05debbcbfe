#pragma once
// The baseline, as semgrep ci has one: the findings the base revision already had. It answers two
// questions about the head's findings.
//
// Selected findings (on a line the mode matches): is this one old? By keys that survive moving
// code: the tool, the rule, the region's code (python_code: comments dropped, whitespace
// squeezed), and the name of the innermost enclosing function or class; neither the line nor the
// path, so a function moved down its file or into another file keeps its findings' keys, and a
// line whose only edit is its comment keeps its findings old. (The SARIF fingerprint keeps the path:
// it identifies a result in one file across runs, which is another question.) An old finding
// never fails the gate, is not posted as a new comment, and reports count it ("3 already in the
// base").
//
// Findings the mode did not select that would fail the gate, in a changed file: did the change
// cause this one? Its line is one the change kept, so it maps to one line of the file at the base
// (base_line_of); the base had it when that line had a finding of the same tool and rule, or, as
// for a selected one, when a base finding has its key. If not, the change caused it wherever its
// line is (deleting `import os` leaves an undefined name on an untouched line; deleting
// `Loader=SafeLoader` from a call makes the untouched `yaml.load(` unsafe): it is selected, with
// the reason in FilterState::new_because.
//
// Either way a base finding counts only where it could have failed as the head's can: at the same
// or a higher level (level, the tool's severity and confidence: a finding whose severity rose is
// new), and not advisory or suppressed there when the head's is neither (a base file's findings
// come with its role's policy: test code's advisory ones cover no product finding). A head
// finding whose suppression the change added is covered only by a base finding that was
// suppressed too, so the new comment is shown, not counted old. A base file the baseline did not
// analyse (vendored, generated or excluded at the base) had no finding.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/change_set.h"
#include "core/finding.h"

namespace codegate {

std::string baseline_key(const Finding& finding);

// Why `base` does not stand for `head` as the same finding: it was at a lower level, or it could
// not fail (advisory, suppressed) where `head` can. Empty when it does.
std::string shortfall(const Finding& base, const Finding& head);

class Baseline {
public:
  Baseline() = default;
  // `base_findings`: the findings of the analysed base files (paths as at the base), each with its
  // role's policy applied. `unanalysed`: base paths left unanalysed on purpose, with why.
  explicit Baseline(std::vector<Finding> base_findings, std::map<std::string, std::string> unanalysed = {});

  // Marks the head's findings. A selected one whose key a base finding has that covers it
  // (shortfall empty) gets in_base set and reported cleared; one whose key the base had only
  // below it gets new_because. An unselected one in a changed file for which `fails` says it
  // would fail the gate is selected and reported as caused by the change unless the base had it
  // (its line's or its key's). No base finding stands for two head ones: the base's copies go
  // first to the head's findings on no added line (selected or not: an unselected one spends
  // its copy unmarked), then in path and line order. Returns how many it marked old.
  int mark(std::vector<Finding>& head, const ChangeSet& changes,
           const std::function<bool(const Finding&)>& fails = nullptr) const;

private:
  std::optional<std::size_t> by_key(const Finding& head, const std::vector<bool>& spent, std::string& why) const;
  std::optional<std::size_t> by_line(const Finding& head, const ChangedFile& file, const std::vector<bool>& spent,
                                     std::string& why) const;

  std::vector<Finding> findings_;
  std::map<std::string, std::vector<std::size_t>> keys_;  // baseline_key -> findings_ indices
  std::map<std::string, std::vector<std::size_t>> paths_; // base path -> findings_ indices
  std::map<std::string, std::string> unanalysed_;
};

} // namespace codegate
