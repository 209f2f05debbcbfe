#include "pipeline/change.h"

#include <algorithm>

#include "core/error.h"
#include "git/diff.h"
#include "util/log.h"

namespace codegate {
namespace {

// Replaces the diff's files by whole files: the named ones (else the changed ones), each with every
// line counted as added, so that whatever the filter mode, all of a file's findings are reported.
void take_whole_files(ResolvedChange& resolved, const std::vector<std::string>& paths) {
  ChangeSet& changes = resolved.changes;
  std::vector<std::string> wanted = paths;
  if (wanted.empty()) {
    for (const auto& file : changes.files) wanted.push_back(file.path);
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());

  std::vector<ChangedFile> files;
  for (const auto& path : wanted) {
    bool already_skipped = std::any_of(changes.skipped.begin(), changes.skipped.end(),
                                       [&](const SkippedFile& file) { return file.path == path; });
    if (already_skipped) continue; // the diff said why (binary, a link)
    auto content = resolved.analysed->read(path);
    if (!content) {
      // No fallback to HEAD: the index is what the commit records (an untracked or unstaged file
      // is not part of it).
      changes.skipped.push_back({path, "not a regular file in " + resolved.analysed->describe()});
      continue;
    }
    ChangedFile file = whole_file_change(path, *content);
    if (const ChangedFile* diffed = changes.find(path)) {
      file.old_path = diffed->old_path;
      file.status = diffed->status;
    }
    files.push_back(std::move(file));
  }
  changes.files = std::move(files);
}

ResolvedChange resolve_diff(const git::Repository& repo, const CheckOptions& options) {
  ResolvedChange resolved;
  if (options.staged) {
    resolved.changes = git::diff_index(repo);
    resolved.analysed = git::index_snapshot(repo);
    resolved.base_revision = "HEAD";
    resolved.trusted_sha = resolved.changes.base_sha;
    util::progress(options.whole_files ? "checking whole files of the index"
                                       : "checking the staged changes against HEAD");
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
                       "; fetch more history (actions/checkout: fetch-depth: 0; GitLab: GIT_DEPTH: 0; Bitbucket: "
                       "clone: depth: full; Azure Pipelines: fetchDepth: 0; or git fetch --unshallow)");
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

} // namespace

ResolvedChange resolve_change(const git::Repository& repo, const CheckOptions& options,
                              const std::vector<std::string>& paths) {
  ResolvedChange resolved = resolve_diff(repo, options);
  if (options.whole_files) take_whole_files(resolved, paths);
  return resolved;
}

} // namespace codegate
