#include "core/change_set.h"

#include <algorithm>
#include <iterator>

#include "core/name_table.h"

namespace codegate {
namespace {

constexpr names::NameTable<ChangeStatus, 4> k_change_statuses = {{{ChangeStatus::added, "added"},
                                                                   {ChangeStatus::modified, "modified"},
                                                                   {ChangeStatus::renamed, "renamed"},
                                                                   {ChangeStatus::copied, "copied"}}};

} // namespace

std::string_view to_string(ChangeStatus status) { return names::name_of(k_change_statuses, status); }
std::optional<ChangeStatus> change_status_named(std::string_view text) {
  return names::value_of(k_change_statuses, text);
}

ChangedFile whole_file_change(const std::string& path, std::string_view content) {
  ChangedFile file;
  file.path = path;
  file.old_path = path;
  int lines = static_cast<int>(std::count(content.begin(), content.end(), '\n'));
  if (!content.empty() && content.back() != '\n') ++lines; // a last line without its newline
  lines = std::max(lines, 1);                              // a tool reports an empty file's problems on line 1
  for (int line = 1; line <= lines; ++line) {
    file.added_lines.insert(line);
    file.context_lines.insert(line);
  }
  return file;
}

std::optional<int> base_line_of(const ChangedFile& file, int line) {
  if (file.added_lines.count(line) != 0) return std::nullopt;
  auto added_before = std::distance(file.added_lines.begin(), file.added_lines.lower_bound(line));
  int base = line - static_cast<int>(added_before); // the kept lines up to this one, counted
  for (int deleted : file.deleted_lines) {
    if (deleted > base) break;
    ++base; // a deleted line at or before it: the kept line comes one later in the base
  }
  return base;
}

const ChangedFile* ChangeSet::find(const std::string& path) const {
  auto it = std::lower_bound(files.begin(), files.end(), path,
                             [](const ChangedFile& file, const std::string& p) { return file.path < p; });
  return it != files.end() && it->path == path ? &*it : nullptr;
}

} // namespace codegate
