#include "core/check_result.h"

#include <algorithm>

namespace codegate {

int CheckResult::reported_count() const {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.filter.reported; }));
}

int CheckResult::failing_count() const {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.fails_gate; }));
}

std::string_view to_string(FilterMode mode) {
  switch (mode) {
    case FilterMode::added: return "added";
    case FilterMode::diff_context: return "diff_context";
    case FilterMode::file: return "file";
    case FilterMode::nofilter: return "nofilter";
  }
  return "added";
}

} // namespace codegate
