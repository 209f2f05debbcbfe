#pragma once
// Refine revisions (FileFix: a whole revised file) cut into the line-range replacements that
// review comments can carry: GitHub `suggestion` blocks and GitLab suggestions.

#include <set>
#include <string>
#include <vector>

#include "core/file_fix.h"

namespace codegate::platform {

// One replacement of consecutive lines of the analysed (head) file.
struct Suggestion {
  std::string path;
  int start_line = 1;                    // first head line replaced (1-based)
  int end_line = 1;                      // last head line replaced (inclusive)
  std::vector<std::string> replacement;  // the new lines, without line ends; empty deletes the range
  int round = 0;                         // the refine round that produced the revision
  std::vector<std::string> fixed_fingerprints;  // findings the whole revision removes
};

// The changed regions of `fix`, nearby ones merged (two unchanged lines or fewer apart). A pure
// insertion is anchored on the line above it (or below, at the top of the file), because a
// suggestion must replace at least one existing line.
std::vector<Suggestion> suggestions_for(const FileFix& fix);

// True when every line the suggestion replaces is in `lines` (a review comment can only span
// lines of the diff).
bool fits_lines(const Suggestion& suggestion, const std::set<int>& lines);

// `git diff`-style text of the whole revision (a/ and b/ paths, three lines of context), for the
// summary when a suggestion does not fit on the diff's lines.
std::string unified_diff(const FileFix& fix);

// A Markdown code fence longer than any backtick run in `lines`, so the content cannot close it.
std::string fence_for(const std::vector<std::string>& lines);

} // namespace codegate::platform
