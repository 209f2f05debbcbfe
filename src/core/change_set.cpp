#include "core/change_set.h"

#include <algorithm>

namespace codegate {

const ChangedFile* ChangeSet::find(const std::string& path) const {
  auto it = std::lower_bound(files.begin(), files.end(), path,
                             [](const ChangedFile& file, const std::string& p) { return file.path < p; });
  return it != files.end() && it->path == path ? &*it : nullptr;
}

} // namespace codegate
