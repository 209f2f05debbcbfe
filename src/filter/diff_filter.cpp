#include "filter/diff_filter.h"

#include <algorithm>

namespace codegate {
namespace {

void attribute(Suppression& suppression, const ChangedFile* file, SuppressionPolicy policy) {
  bool added = file != nullptr && file->added_lines.count(suppression.line) != 0;
  suppression.by = added ? SuppressedBy::change : SuppressedBy::base;
  suppression.honoured = !(policy == SuppressionPolicy::deny_new && added);
}

bool hidden_by_suppression(const Finding& f, SuppressionPolicy policy) {
  if (!f.suppression || !f.suppression->honoured) return false;
  return policy == SuppressionPolicy::honour || f.suppression->by == SuppressedBy::base;
}

} // namespace

void annotate(std::vector<Finding>& findings, const ChangeSet& changes, FilterMode mode,
              SuppressionPolicy suppressions) {
  for (auto& f : findings) {
    const ChangedFile* file = changes.find(f.path);
    f.filter = FilterState{};
    f.filter.in_changed_file = file != nullptr;
    // As reviewdog's filter: a finding counts when any line of its region is in the diff, so a
    // finding about a whole function is seen when only the function's body changed.
    for (int line = f.line; file != nullptr && line <= std::max(f.line, f.end_line); ++line) {
      bool added = file->added_lines.count(line) != 0;
      bool in_hunk = file->context_lines.count(line) != 0;
      f.filter.on_added_line = f.filter.on_added_line || added;
      f.filter.in_diff_context = f.filter.in_diff_context || in_hunk;
      if ((mode == FilterMode::added && added) || (mode == FilterMode::diff_context && in_hunk))
        f.filter.matched_lines.push_back(line);
    }
    bool& selected = f.filter.selected;
    switch (mode) {
      case FilterMode::added: selected = f.filter.on_added_line; break;
      case FilterMode::diff_context: selected = f.filter.in_diff_context; break;
      case FilterMode::file: selected = f.filter.in_changed_file; break;
      case FilterMode::nofilter: selected = true; break;
    }
    if (is_not_analysed(f)) selected = true; // about the whole file, whatever lines changed
    if (f.suppression) attribute(*f.suppression, file, suppressions);
    f.filter.reported = selected && !hidden_by_suppression(f, suppressions);
  }
}

} // namespace codegate
