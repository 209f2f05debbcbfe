#pragma once
// An open git repository: revisions, merge bases and file contents at a revision.

#include <optional>
#include <string>
#include <vector>

#include "git/handles.h"

namespace codegate::git {

class Repository {
public:
  // Discovers the repository containing `path`. Throws UsageError when there is none.
  // `index_file`: the GIT_INDEX_FILE the caller read from the environment (empty: .git/index).
  static Repository open(const std::string& path, const std::string& index_file = "");

  git_repository* raw() const { return repo_.get(); }
  std::string workdir() const; // with a trailing '/'; empty for a bare repository
  bool is_shallow() const;

  // The commit a revision names (sha, branch, tag, HEAD~2...), as a 40-hex sha; nullopt if unknown.
  std::optional<std::string> resolve_commit(const std::string& revision) const;
  // Throws UsageError for an unknown revision; the message tells what to fetch in a shallow clone.
  std::string require_commit(const std::string& revision) const;
  // nullopt when the two commits share no history (or it was cut off by a shallow clone).
  std::optional<std::string> merge_base(const std::string& a, const std::string& b) const;
  // The revision a change is compared against when none is given: the branch's upstream,
  // origin/HEAD, then main or master. nullopt when none exists.
  std::optional<std::string> default_base() const;

  TreeHandle tree_of(const std::string& commit_sha) const;
  CommitHandle commit(const std::string& commit_sha) const;

private:
  explicit Repository(RepositoryHandle repo) : repo_(std::move(repo)) {}
  RepositoryHandle repo_;
};

std::string oid_to_string(const git_oid& oid);

} // namespace codegate::git
