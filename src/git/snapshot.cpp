#include "git/snapshot.h"

#include <filesystem>

#include "util/files.h"

namespace codegate::git {
namespace {

std::optional<std::string> blob_content(git_repository* repo, const git_oid& id) {
  git_blob* blob = nullptr;
  if (git_blob_lookup(&blob, repo, &id) < 0) return std::nullopt;
  BlobHandle owned(blob);
  const auto* data = static_cast<const char*>(git_blob_rawcontent(blob));
  return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob)));
}

class CommitSnapshot final : public Snapshot {
public:
  CommitSnapshot(const Repository& repo, const std::string& sha)
      : repo_(repo.raw()), sha_(sha), tree_(repo.tree_of(sha)) {}

  std::optional<std::string> read(const std::string& path) const override {
    git_tree_entry* entry = nullptr;
    if (git_tree_entry_bypath(&entry, tree_.get(), path.c_str()) < 0) return std::nullopt;
    TreeEntryHandle owned(entry);
    auto mode = git_tree_entry_filemode(entry);
    if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) return std::nullopt;
    return blob_content(repo_, *git_tree_entry_id(entry));
  }

  std::vector<std::string> list_files() const override {
    std::vector<std::string> files;
    auto visit = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
      auto mode = git_tree_entry_filemode(entry);
      if (mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE)
        static_cast<std::vector<std::string>*>(payload)->push_back(std::string(root) + git_tree_entry_name(entry));
      return 0;
    };
    check(git_tree_walk(tree_.get(), GIT_TREEWALK_PRE, visit, &files), "cannot list the files of " + sha_);
    return files;
  }

  std::string describe() const override { return "commit " + sha_.substr(0, 7); }

private:
  git_repository* repo_;
  std::string sha_;
  TreeHandle tree_;
};

class IndexSnapshot final : public Snapshot {
public:
  explicit IndexSnapshot(const Repository& repo) : repo_(repo.raw()) {
    git_index* index = nullptr;
    check(git_repository_index(&index, repo_), "cannot read the index");
    index_.reset(index);
    check(git_index_read(index, 0), "cannot read the index");
  }

  std::optional<std::string> read(const std::string& path) const override {
    const git_index_entry* entry = git_index_get_bypath(index_.get(), path.c_str(), 0);
    if (entry == nullptr) return std::nullopt;
    if (entry->mode != GIT_FILEMODE_BLOB && entry->mode != GIT_FILEMODE_BLOB_EXECUTABLE) return std::nullopt;
    return blob_content(repo_, entry->id);
  }

  std::vector<std::string> list_files() const override {
    std::vector<std::string> files;
    std::size_t count = git_index_entrycount(index_.get());
    for (std::size_t i = 0; i < count; ++i) {
      const git_index_entry* entry = git_index_get_byindex(index_.get(), i);
      if (git_index_entry_stage(entry) != 0) continue;
      if (entry->mode == GIT_FILEMODE_BLOB || entry->mode == GIT_FILEMODE_BLOB_EXECUTABLE)
        files.emplace_back(entry->path);
    }
    return files;
  }

  std::string describe() const override { return "the index"; }

private:
  git_repository* repo_;
  IndexHandle index_;
};

class WorktreeSnapshot final : public Snapshot {
public:
  explicit WorktreeSnapshot(std::string directory) : directory_(std::move(directory)) {}

  std::optional<std::string> read(const std::string& path) const override {
    std::filesystem::path full = std::filesystem::path(directory_) / path;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(full, ec))) return std::nullopt;
    auto bytes = util::read_file(full.string());
    if (!bytes) return std::nullopt;
    return std::move(*bytes);
  }

  std::vector<std::string> list_files() const override {
    std::vector<std::string> files;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(directory_, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->path().filename() == ".git") {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && !it->is_symlink())
        files.push_back(std::filesystem::relative(it->path(), directory_).generic_string());
    }
    return files;
  }

  std::string describe() const override { return "the working tree"; }

private:
  std::string directory_;
};

} // namespace

std::unique_ptr<Snapshot> commit_snapshot(const Repository& repo, const std::string& commit_sha) {
  return std::make_unique<CommitSnapshot>(repo, commit_sha);
}

std::unique_ptr<Snapshot> index_snapshot(const Repository& repo) { return std::make_unique<IndexSnapshot>(repo); }

std::unique_ptr<Snapshot> worktree_snapshot(const std::string& directory) {
  return std::make_unique<WorktreeSnapshot>(directory);
}

} // namespace codegate::git
