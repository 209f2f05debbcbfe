#include "refine/comparison.h"

#include <map>

namespace codegate::refine {

std::string describe_finding(const Finding& f) {
  std::string rule = f.rule_id;
  if (!f.rule_name.empty() && f.rule_name != f.rule_id) rule += " (" + f.rule_name + ")";
  return f.tool + " " + rule + " at line " + std::to_string(f.line) + ": " + f.message;
}

Comparison compare_failing(const std::vector<Finding>& current, const std::vector<Finding>& candidate,
                           const std::set<std::string>& targets) {
  std::map<std::string, const Finding*> before, after;
  for (const auto& f : current) before.emplace(f.fingerprint, &f);
  for (const auto& f : candidate) after.emplace(f.fingerprint, &f);

  Comparison out;
  for (const auto& [fingerprint, finding] : before) {
    if (after.count(fingerprint) != 0) continue;
    out.removed.push_back(*finding);
    if (targets.count(fingerprint) != 0) ++out.targets_removed;
  }
  for (const auto& [fingerprint, finding] : after) {
    if (before.count(fingerprint) == 0) out.introduced.push_back(*finding);
  }
  if (!out.introduced.empty()) {
    out.reason = "it brings " + std::to_string(out.introduced.size()) + " new failing finding" +
                 (out.introduced.size() == 1 ? "" : "s") + ": ";
    for (std::size_t i = 0; i < out.introduced.size(); ++i) {
      if (i > 0) out.reason += "; ";
      out.reason += describe_finding(out.introduced[i]);
    }
  } else if (out.targets_removed == 0) {
    out.reason = "it removes none of the failing findings it was asked to fix";
  }
  out.better = out.introduced.empty() && out.targets_removed > 0;
  return out;
}

} // namespace codegate::refine
