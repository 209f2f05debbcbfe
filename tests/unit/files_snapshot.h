#pragma once
// A revision held in memory, for the tests of what is read through a git::Snapshot.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "git/snapshot.h"

namespace codegate::testing {

class FilesSnapshot : public git::Snapshot {
public:
  explicit FilesSnapshot(std::map<std::string, std::string> files) : files_(std::move(files)) {}
  std::optional<std::string> read(const std::string& path) const override {
    auto it = files_.find(path);
    return it == files_.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  std::vector<std::string> list_files() const override {
    std::vector<std::string> out;
    for (const auto& entry : files_) out.push_back(entry.first);
    return out;
  }
  std::string describe() const override { return "commit abc1234"; }

private:
  std::map<std::string, std::string> files_;
};

} // namespace codegate::testing
