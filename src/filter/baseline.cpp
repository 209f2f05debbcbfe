#include "filter/baseline.h"

#include <algorithm>
#include <tuple>

#include "util/hash.h"
#include "util/strings.h"

namespace codegate {
namespace {

// "Parser.parse" -> "parse": a method moved out of its class is still the same code.
std::string innermost_name(const std::string& unit) {
  auto dot = unit.rfind('.');
  return dot == std::string::npos ? unit : unit.substr(dot + 1);
}

} // namespace

std::string baseline_key(const Finding& f) {
  return util::hash_parts({f.tool, f.rule_id, util::squeeze_whitespace(f.snippet), innermost_name(f.unit)});
}

Baseline::Baseline(const std::vector<Finding>& base_findings) {
  for (const auto& f : base_findings) ++counts_[baseline_key(f)];
}

int Baseline::mark(std::vector<Finding>& head) const {
  // The base's copies of a key are spent first on the head's copies that the change did not add
  // (no line of theirs is an added line: they are the old ones, selected or not), then in path
  // and line order on the rest. A change that copies an old finding elsewhere and touches the old
  // file so that its copy is selected too gets the new copy reported, not the old one.
  std::vector<Finding*> order;
  for (auto& f : head) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(), [](const Finding* a, const Finding* b) {
    return std::tie(a->filter.on_added_line, a->path, a->line, a->column) <
           std::tie(b->filter.on_added_line, b->path, b->line, b->column);
  });
  std::map<std::string, int> left = counts_;
  int marked = 0;
  for (Finding* f : order) {
    auto entry = left.find(baseline_key(*f));
    if (entry == left.end() || entry->second == 0) continue;
    --entry->second;
    if (!f->filter.selected) continue; // spent all the same: unselected findings are not marked
    f->filter.in_base = true;
    f->filter.reported = false;
    ++marked;
  }
  return marked;
}

} // namespace codegate
