#pragma once
// A private copy of the analysed revision for the analyzers: the checked files and the other
// Python files they may import, written from git objects, plus the trusted tool configuration.
// The analyzers never see the working tree, so a dirty checkout cannot change what is analysed.

#include <map>
#include <string>
#include <vector>

#include "git/snapshot.h"
#include "util/temp_dir.h"

namespace codegate {

class Workspace {
public:
  // Writes `files` and every other *.py/*.pyi file of `snapshot` under root().
  Workspace(const git::Snapshot& snapshot, const std::vector<std::string>& files);

  const std::string& root() const { return root_; }
  // Bytes of each checked file, as analysed (what the tools read may differ in what would switch
  // off codegate's view of them: Analyzer::tool_input).
  const std::map<std::string, std::string>& sources() const { return sources_; }
  // Every Python file written under root(): the checked ones and the rest of the revision's.
  const std::vector<std::string>& python_files() const { return python_files_; }
  // Writes a configuration file outside the analysed tree and returns its absolute path.
  std::string write_config(const std::string& name, const std::string& content);
  // Replaces one file's bytes (the refine loop's candidates).
  void replace(const std::string& path, const std::string& content);

private:
  void write_checked(const std::string& path, const std::string& content);

  util::TempDir dir_;
  std::string root_;
  std::string config_dir_;
  std::map<std::string, std::string> sources_;
  std::vector<std::string> python_files_;
};

} // namespace codegate
