#include "git/commit.h"

#include <strings.h>
#include "core/error.h"
#include "util/files.h"

namespace codegate::git {
namespace {

git_oid parse_oid(const std::string& sha) {
  git_oid oid;
  check(git_oid_fromstr(&oid, sha.c_str()), "bad commit id '" + sha + "'");
  return oid;
}

// The mode of `path` in `tree`, or a regular file's mode when the tree lacks it.
uint32_t mode_in(git_tree* tree, const std::string& path) {
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, tree, path.c_str()) != 0) return GIT_FILEMODE_BLOB;
  TreeEntryHandle entry(raw);
  git_filemode_t mode = git_tree_entry_filemode(entry.get());
  return mode == GIT_FILEMODE_BLOB_EXECUTABLE ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
}

struct TrailerArray {
  git_message_trailer_array array{};
  ~TrailerArray() { git_message_trailer_array_free(&array); }
};

} // namespace

std::string create_commit(const Repository& repo, const CommitSpec& spec) {
  CommitHandle parent = repo.commit(spec.parent_sha);
  TreeHandle parent_tree = repo.tree_of(spec.parent_sha);

  // An in-memory index seeded from the parent's tree: the new tree is the parent's with only
  // these files replaced, whatever the checkout or the repository's index hold.
  git_index* raw_index = nullptr;
  check(git_index_new(&raw_index), "cannot create an index");
  IndexHandle index(raw_index);
  check(git_index_read_tree(index.get(), parent_tree.get()), "cannot read the tree of " + spec.parent_sha);
  for (const auto& file : spec.files) {
    git_oid blob;
    check(git_blob_create_from_buffer(&blob, repo.raw(), file.content.data(), file.content.size()),
          "cannot store " + file.path);
    git_index_entry entry{};
    entry.mode = mode_in(parent_tree.get(), file.path);
    entry.id = blob;
    entry.path = file.path.c_str();
    entry.file_size = static_cast<uint32_t>(file.content.size());
    check(git_index_add(index.get(), &entry), "cannot stage " + file.path);
  }
  git_oid tree_oid;
  check(git_index_write_tree_to(&tree_oid, index.get(), repo.raw()), "cannot write the tree");
  git_tree* raw_tree = nullptr;
  check(git_tree_lookup(&raw_tree, repo.raw(), &tree_oid), "cannot read the new tree");
  TreeHandle tree(raw_tree);

  git_signature* raw_signature = nullptr;
  check(git_signature_now(&raw_signature, spec.author_name.c_str(), spec.author_email.c_str()),
        "invalid commit author '" + spec.author_name + " <" + spec.author_email + ">'");
  SignatureHandle signature(raw_signature);

  const git_commit* parents[] = {parent.get()};
  git_oid commit_oid;
  check(git_commit_create(&commit_oid, repo.raw(), nullptr, signature.get(), signature.get(), "UTF-8",
                          spec.message.c_str(), tree.get(), 1, parents),
        "cannot create the commit on top of " + spec.parent_sha);
  return oid_to_string(commit_oid);
}

HeadState head_state(const Repository& repo) {
  HeadState state;
  state.detached = git_repository_head_detached(repo.raw()) == 1;
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, repo.raw(), "HEAD") == 0) {
    ReferenceHandle head(raw);
    if (git_reference_type(head.get()) == GIT_REFERENCE_SYMBOLIC && !state.detached)
      state.branch = git_reference_symbolic_target(head.get());
  }
  if (auto sha = repo.resolve_commit("HEAD")) state.sha = *sha;
  return state;
}

bool move_reference(const Repository& repo, const std::string& refname, const std::string& expected_sha,
                    const std::string& new_sha, const std::string& log_message) {
  git_oid expected = parse_oid(expected_sha);
  git_oid target = parse_oid(new_sha);
  git_reference* raw = nullptr;
  int rc = git_reference_create_matching(&raw, repo.raw(), refname.c_str(), &target, 1, &expected, log_message.c_str());
  ReferenceHandle owned(raw);
  if (rc == GIT_EMODIFIED || rc == GIT_ENOTFOUND) return false;
  check(rc, "cannot move " + refname + " to " + new_sha);
  return true;
}

void detach_head(const Repository& repo, const std::string& new_sha) {
  git_oid target = parse_oid(new_sha);
  check(git_repository_set_head_detached(repo.raw(), &target), "cannot move HEAD to " + new_sha);
}

std::vector<std::string> uncommitted_paths(const Repository& repo, const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& path : paths) {
    unsigned int flags = 0;
    int rc = git_status_file(&flags, repo.raw(), path.c_str());
    if (rc == GIT_ENOTFOUND) continue;
    check(rc, "cannot read the status of " + path);
    if ((flags & ~static_cast<unsigned int>(GIT_STATUS_IGNORED)) != GIT_STATUS_CURRENT) out.push_back(path);
  }
  return out;
}

void checkout_files(const Repository& repo, const std::vector<FileContent>& files) {
  git_index* raw_index = nullptr;
  check(git_repository_index(&raw_index, repo.raw()), "cannot open the index");
  IndexHandle index(raw_index);
  check(git_index_read(index.get(), 0), "cannot read the index");
  for (const auto& file : files) {
    require(util::write_file(repo.workdir() + file.path, file.content), "cannot check out the fix");
    check(git_index_add_bypath(index.get(), file.path.c_str()), "cannot stage " + file.path);
  }
  check(git_index_write(index.get()), "cannot write the index");
}

std::string commit_message(const Repository& repo, const std::string& commit_sha) {
  CommitHandle commit = repo.commit(commit_sha);
  const char* message = git_commit_message(commit.get());
  return message != nullptr ? message : "";
}

bool has_trailer(const std::string& message, const std::string& key) {
  TrailerArray trailers;
  if (git_message_trailers(&trailers.array, message.c_str()) != 0) return false;
  for (std::size_t i = 0; i < trailers.array.count; ++i) {
    if (strcasecmp(trailers.array.trailers[i].key, key.c_str()) == 0) return true;
  }
  return false;
}

} // namespace codegate::git
