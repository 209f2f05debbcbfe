#include "filter/diff_filter.h"

#include <algorithm>

namespace codegate {

void annotate(std::vector<Finding>& findings, const ChangeSet& changes, FilterMode mode) {
  for (auto& f : findings) {
    const ChangedFile* file = changes.find(f.path);
    f.filter = FilterState{};
    f.filter.in_changed_file = file != nullptr;
    // As reviewdog's filter: a finding counts when any line of its region is in the diff, so a
    // finding about a whole function is seen when only the function's body changed.
    for (int line = f.line; file != nullptr && line <= std::max(f.line, f.end_line); ++line) {
      f.filter.on_added_line = f.filter.on_added_line || file->added_lines.count(line) != 0;
      f.filter.in_diff_context = f.filter.in_diff_context || file->context_lines.count(line) != 0;
    }
    switch (mode) {
      case FilterMode::added: f.filter.reported = f.filter.on_added_line; break;
      case FilterMode::diff_context: f.filter.reported = f.filter.in_diff_context; break;
      case FilterMode::file: f.filter.reported = f.filter.in_changed_file; break;
      case FilterMode::nofilter: f.filter.reported = true; break;
    }
    if (is_not_analysed(f)) f.filter.reported = true; // about the whole file, whatever lines changed
  }
}

} // namespace codegate
