#include "filter/fingerprint.h"

#include <algorithm>
#include <map>

#include "util/hash.h"
#include "util/strings.h"

namespace codegate {

void assign_fingerprints(std::vector<Finding>& findings) {
  // Occurrence counts go in line order, so the n-th identical finding keeps its number when
  // unrelated lines are added above all of them.
  std::vector<Finding*> ordered;
  for (auto& f : findings) ordered.push_back(&f);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Finding* a, const Finding* b) {
    return std::tie(a->path, a->line, a->column) < std::tie(b->path, b->line, b->column);
  });
  std::map<std::string, int> seen;
  for (Finding* f : ordered) {
    std::string content = util::squeeze_whitespace(f->snippet);
    std::string key = util::hash_parts({f->tool, f->rule_id, f->path, content});
    int occurrence = seen[key]++;
    f->fingerprint = util::hash_parts({key, std::to_string(occurrence)});
  }
}

} // namespace codegate
