#pragma once
// Refine revisions (FileFix: a whole revised file) cut into line-range replacements: what GitHub
// `suggestion` blocks, GitLab suggestions and SARIF `fixes` carry.

#include <set>
#include <string>
#include <vector>

#include "core/file_fix.h"

namespace codegate {

// One replacement of consecutive lines of the analysed (head) file.
struct Suggestion {
  std::string path;
  int start_line = 1;                          // first head line replaced (1-based)
  int end_line = 1;                            // last head line replaced (inclusive)
  std::vector<std::string> replacement;        // the new lines, without line ends; empty deletes the range
  int round = 0;                               // the refine round that produced the revision
  std::vector<std::string> fixed_fingerprints; // findings the whole revision removes
};

// The changed regions of `fix`, nearby ones merged (two unchanged lines or fewer apart). A pure
// insertion is anchored on the line above it (or below, at the top of the file), because a
// suggestion must replace at least one existing line.
std::vector<Suggestion> suggestions_for(const FileFix& fix);

// True when every line the suggestion replaces is in `lines` (a review comment can only span
// lines of the diff).
bool fits_lines(const Suggestion& suggestion, const std::set<int>& lines);

} // namespace codegate
