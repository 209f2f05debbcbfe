#include "core/change_set.h"

#include <algorithm>

namespace codegate {

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

const ChangedFile* ChangeSet::find(const std::string& path) const {
  auto it = std::lower_bound(files.begin(), files.end(), path,
                             [](const ChangedFile& file, const std::string& p) { return file.path < p; });
  return it != files.end() && it->path == path ? &*it : nullptr;
}

} // namespace codegate
