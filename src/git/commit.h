#pragma once
// Commits made with libgit2 on top of a known commit, the references that move to them, and the
// working-tree checks that keep a user's uncommitted work out of harm's way.

#include <optional>
#include <string>
#include <vector>

#include "git/repository.h"

namespace codegate::git {

// A file's new bytes for a commit.
struct FileContent {
  std::string path; // repository-relative, '/'-separated
  std::string content;
};

// What to commit: `files` replace the same paths of `parent_sha`'s tree (their file mode is kept;
// a path the parent lacks is added as a regular file); everything else stays as in the parent.
struct CommitSpec {
  std::string parent_sha;
  std::vector<FileContent> files;
  std::string author_name; // author and committer
  std::string author_email;
  std::string message;
};

// Writes the blobs, tree and commit object; moves no reference. Returns the commit's sha.
// Throws ToolError.
std::string create_commit(const Repository& repo, const CommitSpec& spec);

// Where HEAD stands.
struct HeadState {
  std::string branch; // "refs/heads/feature"; empty when detached or in a fresh repository
  std::string sha;    // the commit HEAD resolves to; empty in a fresh repository
  bool detached = false;
};
HeadState head_state(const Repository& repo);

// Moves `refname` to `new_sha` only if it still points at `expected_sha` (compare and swap, so a
// concurrent update is never overwritten). False when it points elsewhere or does not exist.
// Throws ToolError for other failures.
bool move_reference(const Repository& repo, const std::string& refname, const std::string& expected_sha,
                    const std::string& new_sha, const std::string& log_message);

// Points a detached HEAD at `new_sha`.
void detach_head(const Repository& repo, const std::string& new_sha);

// The paths among `paths` whose working-tree file or index entry differs from HEAD: the user's
// uncommitted work.
std::vector<std::string> uncommitted_paths(const Repository& repo, const std::vector<std::string>& paths);

// Writes `files` into the working tree and stages them, for a branch that was just moved to a
// commit holding them: the checkout then shows no change. Throws ToolError.
void checkout_files(const Repository& repo, const std::vector<FileContent>& files);

// The full message of a commit.
std::string commit_message(const Repository& repo, const std::string& commit_sha);

// True when `message` ends in a trailer block (git interpret-trailers rules) with the key `key`,
// compared case-insensitively.
bool has_trailer(const std::string& message, const std::string& key);

} // namespace codegate::git
