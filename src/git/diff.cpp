#include "git/diff.h"

#include <algorithm>

namespace codegate::git {
namespace {

constexpr int k_context_lines = 3;

bool is_regular(uint16_t mode) { return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE; }

git_diff_options diff_options() {
  git_diff_options options;
  git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION);
  options.context_lines = k_context_lines;
  // FORCE_TEXT: libgit2 takes `-diff`/`binary` from the working tree's .gitattributes, which in CI
  // is the change's own checkout; whether a file is binary is decided from its bytes instead.
  options.flags |= GIT_DIFF_IGNORE_SUBMODULES | GIT_DIFF_FORCE_TEXT;
  return options;
}

// What git itself would call binary from the bytes alone (a NUL, or too few printable
// characters, in the first 8,000 bytes), whatever any .gitattributes says.
bool binary_content(const Repository& repo, const git_oid& id) {
  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, repo.raw(), &id) != 0) return false;
  BlobHandle blob(raw);
  return git_blob_is_binary(blob.get()) != 0;
}

// Follows renames, then turns every kept delta into a ChangedFile with its added lines.
void collect(const Repository& repo, git_diff* diff, ChangeSet& changes) {
  git_diff_find_options find;
  git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
  find.flags = GIT_DIFF_FIND_RENAMES;
  check(git_diff_find_similar(diff, &find), "cannot detect renames");

  std::size_t count = git_diff_num_deltas(diff);
  for (std::size_t i = 0; i < count; ++i) {
    git_patch* raw_patch = nullptr;
    check(git_patch_from_diff(&raw_patch, diff, i), "cannot read the diff");
    Handle<git_patch, git_patch_free> patch(raw_patch);
    if (!patch) continue; // unchanged content
    const git_diff_delta* delta = git_patch_get_delta(patch.get());
    if (delta->status == GIT_DELTA_DELETED) {
      // Not gated (nothing is left to analyse), but the baseline looks for moved code in it.
      if (is_regular(delta->old_file.mode)) changes.deleted_files.emplace_back(delta->old_file.path);
      continue;
    }
    if (delta->new_file.mode == GIT_FILEMODE_LINK) {
      changes.skipped.push_back({delta->new_file.path, "a symbolic link"});
      continue;
    }
    if (delta->new_file.mode == GIT_FILEMODE_COMMIT) {
      changes.skipped.push_back({delta->new_file.path, "a submodule"});
      continue;
    }
    if (!is_regular(delta->new_file.mode)) continue;
    if (binary_content(repo, delta->new_file.id)) {
      changes.skipped.push_back({delta->new_file.path, "binary"});
      continue;
    }

    ChangedFile file;
    file.path = delta->new_file.path;
    file.old_path = delta->old_file.path;
    switch (delta->status) {
      case GIT_DELTA_ADDED:
      case GIT_DELTA_UNTRACKED: file.status = ChangeStatus::added; break;
      case GIT_DELTA_RENAMED: file.status = ChangeStatus::renamed; break;
      case GIT_DELTA_COPIED: file.status = ChangeStatus::copied; break;
      default: file.status = ChangeStatus::modified; break;
    }
    std::size_t hunks = git_patch_num_hunks(patch.get());
    for (std::size_t h = 0; h < hunks; ++h) {
      int lines = git_patch_num_lines_in_hunk(patch.get(), h);
      for (int l = 0; l < lines; ++l) {
        const git_diff_line* line = nullptr;
        check(git_patch_get_line_in_hunk(&line, patch.get(), h, static_cast<std::size_t>(l)), "cannot read the diff");
        if (line->origin == GIT_DIFF_LINE_DELETION) {
          ++file.removed_lines;
          file.deleted_lines.insert(line->old_lineno);
        }
        if (line->new_lineno <= 0) continue;
        if (line->origin == GIT_DIFF_LINE_ADDITION) file.added_lines.insert(line->new_lineno);
        if (line->origin == GIT_DIFF_LINE_ADDITION || line->origin == GIT_DIFF_LINE_CONTEXT)
          file.context_lines.insert(line->new_lineno);
      }
    }
    // A pure rename or mode change adds no lines; it still touches the file.
    changes.files.push_back(std::move(file));
  }
  std::sort(changes.files.begin(), changes.files.end(),
            [](const ChangedFile& a, const ChangedFile& b) { return a.path < b.path; });
  std::sort(changes.deleted_files.begin(), changes.deleted_files.end());
}

} // namespace

ChangeSet diff_commits(const Repository& repo, const std::string& base_sha, const std::string& head_sha) {
  TreeHandle base = repo.tree_of(base_sha);
  TreeHandle head = repo.tree_of(head_sha);
  git_diff_options options = diff_options();
  git_diff* diff = nullptr;
  check(git_diff_tree_to_tree(&diff, repo.raw(), base.get(), head.get(), &options),
        "cannot diff " + base_sha + ".." + head_sha);
  DiffHandle owned(diff);
  ChangeSet changes;
  changes.base_sha = base_sha;
  changes.head_sha = head_sha;
  collect(repo, diff, changes);
  return changes;
}

ChangeSet diff_index(const Repository& repo) {
  ChangeSet changes;
  changes.staged = true;
  TreeHandle head;
  if (auto sha = repo.resolve_commit("HEAD")) {
    changes.base_sha = *sha;
    head = repo.tree_of(*sha);
  }
  git_index* raw_index = nullptr;
  check(git_repository_index(&raw_index, repo.raw()), "cannot read the index");
  IndexHandle index(raw_index);
  check(git_index_read(index.get(), 0), "cannot read the index"); // pick up a `git add` made after opening
  git_diff_options options = diff_options();
  git_diff* diff = nullptr;
  check(git_diff_tree_to_index(&diff, repo.raw(), head.get(), index.get(), &options), "cannot diff the index");
  DiffHandle owned(diff);
  collect(repo, diff, changes);
  return changes;
}

} // namespace codegate::git
