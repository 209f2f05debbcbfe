#include "report/suggestion.h"

#include "git/buffer_diff.h"
#include "util/strings.h"

namespace codegate {
namespace {

// Changes this close together read as one suggestion rather than several small ones.
constexpr int k_merge_distance = 2;

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  for (auto line : util::split_lines(text)) out.emplace_back(line);
  return out;
}

} // namespace

std::vector<Suggestion> suggestions_for(const FileFix& fix) {
  std::vector<Suggestion> out;
  if (fix.original == fix.revised) return out;
  std::vector<std::string> original = lines_of(fix.original);
  std::vector<std::string> revised = lines_of(fix.revised);
  for (const auto& hunk : git::diff_hunks(fix.original, fix.revised, 0, k_merge_distance)) {
    Suggestion s;
    s.path = fix.path;
    s.round = fix.round;
    s.fixed_fingerprints = fix.fixed_fingerprints;
    // The revised lines over the hunk's whole new range: a merged hunk holds unchanged lines too.
    for (int i = 0; i < hunk.new_lines; ++i) {
      auto index = static_cast<std::size_t>(hunk.new_start - 1 + i);
      if (index < revised.size()) s.replacement.push_back(revised[index]);
    }
    if (hunk.old_lines > 0) {
      s.start_line = hunk.old_start;
      s.end_line = hunk.old_start + hunk.old_lines - 1;
    } else if (original.empty()) {
      continue; // nothing to anchor an insertion on
    } else if (hunk.old_start >= 1) {
      s.start_line = s.end_line = hunk.old_start;
      s.replacement.insert(s.replacement.begin(), original[static_cast<std::size_t>(hunk.old_start - 1)]);
    } else {
      s.start_line = s.end_line = 1;
      s.replacement.push_back(original[0]);
    }
    // A change of only the final newline leaves identical lines: nothing a reviewer could apply.
    bool same = s.end_line - s.start_line + 1 == static_cast<int>(s.replacement.size());
    for (int i = 0; same && i < static_cast<int>(s.replacement.size()); ++i) {
      auto index = static_cast<std::size_t>(s.start_line - 1 + i);
      same = index < original.size() && original[index] == s.replacement[static_cast<std::size_t>(i)];
    }
    if (!same) out.push_back(std::move(s));
  }
  return out;
}

bool fits_lines(const Suggestion& suggestion, const std::set<int>& lines) {
  for (int line = suggestion.start_line; line <= suggestion.end_line; ++line)
    if (lines.count(line) == 0) return false;
  return true;
}

} // namespace codegate
