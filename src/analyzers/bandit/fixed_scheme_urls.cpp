#include "analyzers/bandit/fixed_scheme_urls.h"

#include <algorithm>

#include "analyzers/bandit/bandit_analyzer.h"
#include "util/strings.h"

namespace codegate {
namespace {

bool is_url_open(const Finding& f) { return f.tool == k_bandit_tool && f.rule_id == "B310"; }

} // namespace

void leave_out_fixed_scheme_url_opens(
    std::vector<Finding>& findings,
    const std::function<std::map<std::string, std::vector<int>>(const std::set<std::string>&)>& fixed_lines,
    std::vector<std::string>& notes) {
  std::set<std::string> paths;
  for (const auto& f : findings)
    if (is_url_open(f)) paths.insert(f.path);
  if (paths.empty() || !fixed_lines) return;
  const auto lines = fixed_lines(paths);
  std::vector<std::string> places;
  std::erase_if(findings, [&](const Finding& f) {
    if (!is_url_open(f)) return false;
    auto file = lines.find(f.path);
    if (file == lines.end() || !std::binary_search(file->second.begin(), file->second.end(), f.line)) return false;
    places.push_back(f.path + ":" + std::to_string(f.line));
    return true;
  });
  if (places.empty()) return;
  notes.push_back(std::to_string(places.size()) + " bandit/B310 finding" + (places.size() == 1 ? "" : "s") +
                  " not reported: the URL's scheme is a fixed http(s) there (a literal, or a name bound once to "
                  "one; Ruff's S310 reads it so): " +
                  util::join(places, ", "));
}

} // namespace codegate
