#include "pipeline/workspace.h"

#include <algorithm>

#include "core/error.h"
#include "pipeline/python_files.h"
#include "registry/registry.h"
#include "util/files.h"
#include "util/strings.h"

namespace codegate {

Workspace::Workspace(const git::Snapshot& snapshot, const std::vector<std::string>& files)
    : dir_("codegate-ws"), root_(dir_.path() + "/tree"), config_dir_(dir_.path() + "/config") {
  for (const auto& path : files) {
    auto content = snapshot.read(path);
    if (!content) continue;
    write_checked(path, *content);
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
  write_checked(path, content);
  sources_[path] = content;
}

// A checked file as the tools must read it: each analyzer may take out what would switch off
// codegate's view of its tool (Analyzer::tool_input); sources() keeps the bytes as they are.
void Workspace::write_checked(const std::string& path, const std::string& content) {
  std::optional<std::string> input;
  for (const Analyzer* analyzer : analyzers())
    if (auto rewritten = analyzer->tool_input(input ? *input : content)) input = std::move(rewritten);
  require(util::write_file(root_ + "/" + path, input ? *input : content), "cannot copy the analysed revision");
}

} // namespace codegate
