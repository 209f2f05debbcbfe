#include "pipeline/change.h"

#include "core/error.h"
#include "git/diff.h"
#include "util/log.h"

namespace codegate {

ResolvedChange resolve_change(const git::Repository& repo, const CheckOptions& options) {
  ResolvedChange resolved;
  if (options.staged) {
    resolved.changes = git::diff_index(repo);
    resolved.analysed = git::index_snapshot(repo);
    resolved.base_revision = "HEAD";
    resolved.trusted_sha = resolved.changes.base_sha;
    util::progress("checking the staged changes against HEAD");
    return resolved;
  }

  std::string head_sha = repo.require_commit(options.head.empty() ? "HEAD" : options.head);
  std::string base = options.base;
  if (base.empty()) {
    auto fallback = repo.default_base();
    if (!fallback) {
      throw UsageError(
          "cannot tell what to compare against: the branch has no upstream and there is no "
          "origin/HEAD, main or master; pass --base REV (for example --base origin/main)");
    }
    base = *fallback;
  }
  std::string base_sha = repo.require_commit(base);
  auto merge_base = repo.merge_base(base_sha, head_sha);
  if (!merge_base) {
    if (repo.is_shallow()) {
      throw UsageError("the history of this shallow clone does not reach the merge base of " + base + " and " +
                       (options.head.empty() ? "HEAD" : options.head) +
                       "; fetch more history (actions/checkout: fetch-depth: 0; GitLab: GIT_DEPTH: 0; "
                       "or git fetch --unshallow)");
    }
    throw UsageError(base + " and " + (options.head.empty() ? "HEAD" : options.head) +
                     " share no history; pass a --base on the branch the change is meant for");
  }
  resolved.changes = git::diff_commits(repo, *merge_base, head_sha);
  resolved.analysed = git::commit_snapshot(repo, head_sha);
  resolved.base_revision = base;
  resolved.trusted_sha = base_sha;
  util::progress("comparing " + merge_base->substr(0, 7) + ".." + head_sha.substr(0, 7) + " (merge base of " + base +
                 " and " + (options.head.empty() ? "HEAD" : options.head) + ")");
  return resolved;
}

} // namespace codegate
