#pragma once
// A throwaway git repository built with the git command line, for tests of the git layer.

#include <doctest/doctest.h>

#include <string>

#include "util/files.h"
#include "util/subprocess.h"
#include "util/temp_dir.h"

namespace codegate::test {

class GitFixture {
public:
  GitFixture() : dir_("codegate-test") {
    git({"init", "-q", "-b", "main"});
    git({"config", "user.email", "t@example.com"});
    git({"config", "user.name", "t"});
  }
  const std::string& path() const { return dir_.path(); }

  void write(const std::string& file, const std::string& content) { REQUIRE(util::write_file(path() + "/" + file, content)); }

  std::string git(std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", path()});
    auto result = util::run_process(args);
    if (!result || result->exit_code != 0)
      throw std::runtime_error("git failed: " + (result ? result->err : std::string("not installed")));
    return result->out;
  }

  std::string commit(const std::string& message) {
    git({"add", "-A"});
    git({"commit", "-q", "--allow-empty", "-m", message});
    std::string sha = git({"rev-parse", "HEAD"});
    return sha.substr(0, 40);
  }

private:
  util::TempDir dir_;
};

} // namespace codegate::test
