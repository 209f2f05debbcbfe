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
  std::vector<Finding*> selected;
  for (auto& f : head)
    if (f.filter.selected) selected.push_back(&f);
  std::stable_sort(selected.begin(), selected.end(), [](const Finding* a, const Finding* b) {
    return std::tie(a->path, a->line, a->column) < std::tie(b->path, b->line, b->column);
  });
  std::map<std::string, int> left = counts_;
  int marked = 0;
  for (Finding* f : selected) {
    auto entry = left.find(baseline_key(*f));
    if (entry == left.end() || entry->second == 0) continue;
    --entry->second;
    f->filter.in_base = true;
    f->filter.reported = false;
    ++marked;
  }
  return marked;
}

} // namespace codegate
