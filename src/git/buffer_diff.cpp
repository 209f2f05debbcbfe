#include "git/buffer_diff.h"

#include "git/handles.h"

namespace codegate::git {
namespace {

using PatchHandle = Handle<git_patch, git_patch_free>;

// Matches git/diff.cpp, so a candidate's added lines are counted as the gate counts a commit's.
constexpr int k_patch_context = 3;

PatchHandle make_patch(const std::string& old_text, const std::string& new_text, const std::string& path, int context,
                       int interhunk = 0) {
  git_diff_options options;
  git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION);
  options.context_lines = static_cast<uint32_t>(context);
  options.interhunk_lines = static_cast<uint32_t>(interhunk);
  // The texts are source files; libgit2 would otherwise call one with a NUL byte binary and
  // produce no lines at all.
  options.flags |= GIT_DIFF_FORCE_TEXT;
  git_patch* raw = nullptr;
  const char* name = path.empty() ? nullptr : path.c_str();
  check(git_patch_from_buffers(&raw, old_text.data(), old_text.size(), name, new_text.data(), new_text.size(), name,
                               &options),
        "cannot diff two versions of " + (path.empty() ? std::string("a file") : path));
  return PatchHandle(raw);
}

} // namespace

std::vector<BufferHunk> diff_hunks(const std::string& old_text, const std::string& new_text, int context,
                                   int interhunk) {
  std::vector<BufferHunk> out;
  PatchHandle patch = make_patch(old_text, new_text, "", context, interhunk);
  if (!patch) return out;
  std::size_t hunks = git_patch_num_hunks(patch.get());
  for (std::size_t h = 0; h < hunks; ++h) {
    const git_diff_hunk* hunk = nullptr;
    std::size_t lines = 0;
    check(git_patch_get_hunk(&hunk, &lines, patch.get(), h), "cannot read a diff hunk");
    BufferHunk out_hunk{hunk->old_start, hunk->old_lines, hunk->new_start, hunk->new_lines, "", ""};
    for (std::size_t l = 0; l < lines; ++l) {
      const git_diff_line* line = nullptr;
      check(git_patch_get_line_in_hunk(&line, patch.get(), h, l), "cannot read a diff line");
      std::string text(line->content, line->content_len);
      if (line->origin == GIT_DIFF_LINE_DELETION) out_hunk.removed += text;
      if (line->origin == GIT_DIFF_LINE_ADDITION) out_hunk.added += text;
    }
    out.push_back(std::move(out_hunk));
  }
  return out;
}

std::string unified_patch(const std::string& path, const std::string& old_text, const std::string& new_text) {
  if (old_text == new_text) return "";
  PatchHandle patch = make_patch(old_text, new_text, path, k_patch_context);
  if (!patch) return "";
  git_buf buffer = GIT_BUF_INIT;
  int rc = git_patch_to_buf(&buffer, patch.get());
  std::string text = rc == 0 && buffer.ptr != nullptr ? std::string(buffer.ptr, buffer.size) : std::string();
  git_buf_dispose(&buffer);
  check(rc, "cannot format the patch for " + path);
  return text;
}

ChangedFile changed_file(const std::string& path, const std::string& old_path,
                         const std::optional<std::string>& old_text, const std::string& new_text) {
  ChangedFile file;
  file.path = path;
  file.old_path = old_path.empty() ? path : old_path;
  file.status = !old_text               ? ChangeStatus::added
                : file.old_path != path ? ChangeStatus::renamed
                                        : ChangeStatus::modified;
  PatchHandle patch = make_patch(old_text.value_or(""), new_text, path, k_patch_context);
  if (!patch) return file;
  std::size_t hunks = git_patch_num_hunks(patch.get());
  for (std::size_t h = 0; h < hunks; ++h) {
    int lines = git_patch_num_lines_in_hunk(patch.get(), h);
    for (int l = 0; l < lines; ++l) {
      const git_diff_line* line = nullptr;
      check(git_patch_get_line_in_hunk(&line, patch.get(), h, static_cast<std::size_t>(l)), "cannot read a diff line");
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
  return file;
}

} // namespace codegate::git
