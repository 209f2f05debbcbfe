#include "pipeline/skipped_notes.h"

#include <algorithm>
#include <map>

namespace codegate {

std::vector<std::string> skipped_notes(std::vector<SkippedFile> skipped) {
  std::sort(skipped.begin(), skipped.end(), [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
  std::vector<std::string> notes;
  std::map<std::string, std::size_t> rest; // reason -> count, beyond the limit
  for (std::size_t i = 0; i < skipped.size(); ++i) {
    if (i < k_max_skipped_notes)
      notes.push_back("skipped " + skipped[i].path + ": " + skipped[i].reason);
    else
      ++rest[skipped[i].reason];
  }
  if (!rest.empty()) {
    std::string counts;
    for (const auto& [reason, count] : rest)
      counts += (counts.empty() ? "" : ", ") + std::to_string(count) + " " + reason;
    std::size_t more = skipped.size() - k_max_skipped_notes;
    notes.push_back("skipped " + std::to_string(more) + " more file" + (more == 1 ? "" : "s") + " (" + counts + ")");
  }
  return notes;
}

} // namespace codegate
