#pragma once
// A private temporary directory (mode 0700) removed with everything in it when the owner goes
// away, or when a signal ends the run.

#include <string>

namespace codegate::util {

class TempDir {
public:
  explicit TempDir(const std::string& prefix = "codegate");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

private:
  std::string path_;
};

} // namespace codegate::util
