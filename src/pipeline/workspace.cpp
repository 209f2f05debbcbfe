#include "pipeline/workspace.h"

#include <algorithm>

#include "core/error.h"
#include "pipeline/python_files.h"
#include "util/files.h"
#include "util/strings.h"

namespace codegate {

Workspace::Workspace(const git::Snapshot& snapshot, const std::vector<std::string>& files)
    : dir_("codegate-ws"), root_(dir_.path() + "/tree"), config_dir_(dir_.path() + "/config") {
  for (const auto& path : files) {
    auto content = snapshot.read(path);
    if (!content) continue;
    require(util::write_file(root_ + "/" + path, *content), "cannot copy the analysed revision");
    sources_.emplace(path, std::move(*content));
    python_files_.push_back(path);
  }
  // The rest of the revision's Python files, so that imports between modules resolve as they
  // would in the repository.
  for (const auto& path : snapshot.list_files()) {
    if (!has_python_suffix(path) || sources_.count(path) != 0) continue;
    if (auto content = snapshot.read(path)) {
      require(util::write_file(root_ + "/" + path, *content), "cannot copy the analysed revision");
      python_files_.push_back(path);
    }
  }
}

std::string Workspace::write_config(const std::string& name, const std::string& content) {
  std::string path = config_dir_ + "/" + name;
  require(util::write_file(path, content), "cannot write the analyzers' configuration");
  return path;
}

void Workspace::replace(const std::string& path, const std::string& content) {
  require(util::write_file(root_ + "/" + path, content), "cannot copy the analysed revision");
  sources_[path] = content;
}

} // namespace codegate
