#pragma once
// Line diffs of two in-memory versions of one file, computed by libgit2 exactly as `git diff`
// computes them, so that what the refine loop measures and writes matches what git will see.

#include <optional>
#include <string>
#include <vector>

#include "core/change_set.h"

namespace codegate::git {

// One changed region: old lines [old_start, old_start + old_lines) became `added`.
struct BufferHunk {
  int old_start = 0; // 1-based; when old_lines is 0, the line after which `added` is inserted
  int old_lines = 0;
  int new_start = 0; // 1-based; when new_lines is 0, the line after which old lines were removed
  int new_lines = 0;
  std::string removed; // the old lines, with their line ends
  std::string added;   // the new lines, with their line ends
};

// The changed regions with `context` unchanged lines around each (0: only the changes); regions at
// most `interhunk` unchanged lines apart are merged into one.
std::vector<BufferHunk> diff_hunks(const std::string& old_text, const std::string& new_text, int context = 0,
                                   int interhunk = 0);

// A `git diff`-style patch (diff --git a/PATH b/PATH, three lines of context) that `git apply`
// accepts at the repository root; empty when the texts are equal.
std::string unified_patch(const std::string& path, const std::string& old_text, const std::string& new_text);

// The file as the diff filter would see it had `new_text` been committed over the base version
// `old_text` (nullopt: the file is new at the base): added lines and diff-hunk lines.
ChangedFile changed_file(const std::string& path, const std::string& old_path,
                         const std::optional<std::string>& old_text, const std::string& new_text);

} // namespace codegate::git
