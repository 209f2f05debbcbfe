#pragma once
// The change as a pull request shows it: renames followed; deleted entries left out, binary,
// submodule and symlink entries listed as skipped; the exact added lines of every file.

#include "core/change_set.h"
#include "git/repository.h"

namespace codegate::git {

// base_sha..head_sha; pass the merge base as base_sha to get what a pull request shows.
ChangeSet diff_commits(const Repository& repo, const std::string& base_sha, const std::string& head_sha);
// The index against HEAD (what `git commit` would record); works before the first commit too.
ChangeSet diff_index(const Repository& repo);

} // namespace codegate::git
