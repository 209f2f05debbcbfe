#pragma once
// The files of one revision of the code: a commit, the index, or the working tree. The gate reads
// what it analyses and its trusted configuration through this, never through whatever happens to
// be checked out.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "git/repository.h"

namespace codegate::git {

class Snapshot {
public:
  virtual ~Snapshot() = default;
  // A regular file's bytes; nullopt when the path is absent, a directory, a link or a submodule.
  virtual std::optional<std::string> read(const std::string& path) const = 0;
  // Every regular file, repository-relative and '/'-separated.
  virtual std::vector<std::string> list_files() const = 0;
  virtual std::string describe() const = 0; // "commit 1a2b3c4", "the index", "the working tree"
};

std::unique_ptr<Snapshot> commit_snapshot(const Repository& repo, const std::string& commit_sha);
std::unique_ptr<Snapshot> index_snapshot(const Repository& repo);
std::unique_ptr<Snapshot> worktree_snapshot(const std::string& directory);

} // namespace codegate::git
