#include "pipeline/ruff_ignores.h"

#include <map>
#include <set>

#include "registry/registry.h"
#include "util/strings.h"

namespace codegate {

void apply_ruff_ignores(std::vector<Finding>& findings, const roles::RuffIgnores& ignores,
                        std::vector<std::string>& notes) {
  if (ignores.ignore.empty() && ignores.per_file.empty()) return;
  std::map<std::string, int> left_out; // "bandit/B603 (S603)" -> count
  std::set<std::string> settings;
  std::size_t total = 0;
  std::erase_if(findings, [&](const Finding& f) {
    const Analyzer* analyzer = analyzer_for(f);
    const RuffRule* rule = analyzer != nullptr ? analyzer->ruff_rule(f) : nullptr;
    if (rule == nullptr) return false;
    auto setting = roles::ruff_ignoring_setting(ignores, f.path, rule->code, rule->name);
    if (!setting) return false;
    settings.insert(*setting);
    ++left_out[qualified_rule(f) + " (" + std::string(rule->code) + ")"];
    ++total;
    return true;
  });
  if (total == 0) return;
  std::vector<std::string> counts;
  for (const auto& [rule, count] : left_out) counts.push_back(std::to_string(count) + " " + rule);
  notes.push_back(std::to_string(total) + (total == 1 ? " finding" : " findings") +
                  " not reported: the project's Ruff configuration ignores their rules there (" + ignores.source +
                  ": " + util::join(std::vector<std::string>(settings.begin(), settings.end()), ", ") +
                  "): " + util::join(counts, ", "));
}

} // namespace codegate
