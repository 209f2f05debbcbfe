#include "git/repository.h"

#include <git2/sys/repository.h>

#include <filesystem>

#include "core/error.h"

namespace codegate::git {

std::string oid_to_string(const git_oid& oid) {
  char buffer[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buffer, sizeof buffer, &oid);
  return buffer;
}

Repository Repository::open(const std::string& path, const std::string& index_file) {
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, path.c_str(), 0, nullptr) < 0) {
    throw UsageError("'" + path + "' is not inside a git repository (" + last_error() +
                     "); run codegate from a checkout or pass --repo DIR");
  }
  RepositoryHandle owned(repo);
  // A hook run by `git commit -a` or `git commit FILE` finds what the commit records in a temporary
  // index named by GIT_INDEX_FILE, not in .git/index; git (and pre-commit) read that one, so must we.
  if (!index_file.empty()) {
    std::string index_path = std::filesystem::absolute(index_file).string();
    git_index* index = nullptr;
    check(git_index_open(&index, index_path.c_str()), "cannot read the index " + index_path + " (GIT_INDEX_FILE)");
    IndexHandle owned_index(index); // the repository keeps its own reference
    check(git_repository_set_index(repo, index), "cannot use the index " + index_path + " (GIT_INDEX_FILE)");
  }
  return Repository(std::move(owned));
}

std::string Repository::workdir() const {
  const char* dir = git_repository_workdir(repo_.get());
  return dir != nullptr ? dir : "";
}

bool Repository::is_shallow() const { return git_repository_is_shallow(repo_.get()) == 1; }

std::optional<std::string> Repository::resolve_commit(const std::string& revision) const {
  git_object* object = nullptr;
  if (git_revparse_single(&object, repo_.get(), revision.c_str()) < 0) return std::nullopt;
  ObjectHandle owned(object);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) < 0) return std::nullopt;
  ObjectHandle owned_peeled(peeled);
  return oid_to_string(*git_object_id(peeled));
}

std::string Repository::require_commit(const std::string& revision) const {
  if (auto sha = resolve_commit(revision)) return *sha;
  if (is_shallow()) {
    throw UsageError("revision '" + revision +
                     "' is not in this shallow clone; fetch more history (actions/checkout: fetch-depth: 0; "
                     "GitLab: GIT_DEPTH: 0; or git fetch --unshallow)");
  }
  throw UsageError("unknown revision '" + revision + "'; pass a branch, tag or commit that exists in this repository");
}

std::optional<std::string> Repository::merge_base(const std::string& a, const std::string& b) const {
  git_oid oid_a, oid_b, base;
  check(git_oid_fromstr(&oid_a, a.c_str()), "bad commit id " + a);
  check(git_oid_fromstr(&oid_b, b.c_str()), "bad commit id " + b);
  int rc = git_merge_base(&base, repo_.get(), &oid_a, &oid_b);
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "cannot compute the merge base of " + a + " and " + b);
  return oid_to_string(base);
}

std::optional<std::string> Repository::default_base() const {
  git_reference* head = nullptr;
  if (git_repository_head(&head, repo_.get()) == 0) {
    ReferenceHandle owned_head(head);
    git_reference* upstream = nullptr;
    if (git_reference_is_branch(head) && git_branch_upstream(&upstream, head) == 0) {
      ReferenceHandle owned_upstream(upstream);
      return std::string(git_reference_shorthand(upstream));
    }
  }
  for (const char* candidate : {"refs/remotes/origin/HEAD", "refs/remotes/origin/main", "refs/remotes/origin/master",
                                "refs/heads/main", "refs/heads/master"}) {
    if (resolve_commit(candidate)) return std::string(candidate);
  }
  return std::nullopt;
}

CommitHandle Repository::commit(const std::string& commit_sha) const {
  git_oid oid;
  check(git_oid_fromstr(&oid, commit_sha.c_str()), "bad commit id " + commit_sha);
  git_commit* commit = nullptr;
  check(git_commit_lookup(&commit, repo_.get(), &oid), "cannot read commit " + commit_sha);
  return CommitHandle(commit);
}

TreeHandle Repository::tree_of(const std::string& commit_sha) const {
  CommitHandle c = commit(commit_sha);
  git_tree* tree = nullptr;
  check(git_commit_tree(&tree, c.get()), "cannot read the tree of " + commit_sha);
  return TreeHandle(tree);
}

} // namespace codegate::git
