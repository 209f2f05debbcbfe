#pragma once
// What the change is: the files it touches and the exact lines it adds (from git/diff.h).

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace codegate {

enum class ChangeStatus { added, modified, renamed, copied };
std::string_view to_string(ChangeStatus status); // "added", "modified", "renamed", "copied"
std::optional<ChangeStatus> change_status_named(std::string_view text);

struct ChangedFile {
  std::string path;     // at head, repository-relative
  std::string old_path; // at base; differs from path for renames
  ChangeStatus status = ChangeStatus::modified;
  std::set<int> added_lines;   // head line numbers added by the change
  std::set<int> context_lines; // head line numbers inside diff hunks (added or context)
  int removed_lines = 0;       // base lines the change deleted: code may have moved out of here
  std::set<int> deleted_lines; // their numbers in old_path at the base (from the diff; not in JSON reports)
};

// The line of old_path at the base that head line `line` of `file` was before the change: the
// n-th line the change kept is the n-th line the base had that the change did not delete.
// nullopt for a line the change added.
std::optional<int> base_line_of(const ChangedFile& file, int line);

// A changed file the gate does not analyse, and why; every report names it in a note.
struct SkippedFile {
  std::string path;
  std::string reason; // "binary", "a symbolic link", "not a Python file", ...
};

// `path` with every line of `content` counted as added (--whole-files: the whole file is the change).
ChangedFile whole_file_change(const std::string& path, std::string_view content);

struct ChangeSet {
  std::string base_sha; // the merge base (or HEAD for --staged)
  std::string head_sha; // the analysed head commit; empty for --staged (the index)
  bool staged = false;
  std::vector<ChangedFile> files;          // sorted by path
  std::vector<SkippedFile> skipped;        // changed entries that cannot be analysed (binary, links, ...)
  std::vector<std::string> deleted_files;  // base paths of regular files the change deletes, sorted

  const ChangedFile* find(const std::string& path) const;
};

} // namespace codegate
