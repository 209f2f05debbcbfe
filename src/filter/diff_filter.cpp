#include "filter/diff_filter.h"

namespace codegate {

void annotate(std::vector<Finding>& findings, const ChangeSet& changes, FilterMode mode) {
  for (auto& f : findings) {
    const ChangedFile* file = changes.find(f.path);
    f.filter.in_changed_file = file != nullptr;
    f.filter.on_added_line = file != nullptr && file->added_lines.count(f.line) != 0;
    f.filter.in_diff_context = file != nullptr && file->context_lines.count(f.line) != 0;
    switch (mode) {
    case FilterMode::added: f.filter.reported = f.filter.on_added_line; break;
    case FilterMode::diff_context: f.filter.reported = f.filter.in_diff_context; break;
    case FilterMode::file: f.filter.reported = f.filter.in_changed_file; break;
    case FilterMode::nofilter: f.filter.reported = true; break;
    }
  }
}

void apply_baseline(std::vector<Finding>& findings, const std::set<std::string>& baseline_fingerprints) {
  for (auto& f : findings) {
    f.filter.in_baseline = baseline_fingerprints.count(f.fingerprint) != 0;
    if (f.filter.in_baseline) f.filter.reported = false;
  }
}

} // namespace codegate
