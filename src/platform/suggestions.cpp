#include "platform/suggestions.h"

#include <git2.h>

#include <algorithm>
#include <string_view>

#include "git/handles.h"
#include "util/strings.h"

namespace codegate::platform {
namespace {

using PatchHandle = git::Handle<git_patch, git_patch_free>;

// git_buf is filled by libgit2 and must be disposed of whatever happens after.
struct OwnedBuf {
  git_buf buf = GIT_BUF_INIT;
  OwnedBuf() = default;
  OwnedBuf(const OwnedBuf&) = delete;
  OwnedBuf& operator=(const OwnedBuf&) = delete;
  ~OwnedBuf() { git_buf_dispose(&buf); }
};

PatchHandle make_patch(const FileFix& fix, std::uint32_t context, std::uint32_t interhunk) {
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.context_lines = context;
  options.interhunk_lines = interhunk;
  // The revision is text the LLM wrote for a text file; never let a stray NUL make it "binary".
  options.flags = GIT_DIFF_FORCE_TEXT;
  git_patch* patch = nullptr;
  // libgit2 adds the a/ and b/ prefixes itself.
  git::check(git_patch_from_buffers(&patch, fix.original.data(), fix.original.size(), fix.path.c_str(),
                                    fix.revised.data(), fix.revised.size(), fix.path.c_str(), &options),
             "cannot diff the refined " + fix.path);
  return PatchHandle(patch);
}

} // namespace

std::vector<Suggestion> suggestions_for(const FileFix& fix) {
  std::vector<Suggestion> out;
  if (fix.original == fix.revised) return out;
  auto original = util::split_lines(fix.original);
  auto revised = util::split_lines(fix.revised);
  PatchHandle patch = make_patch(fix, 0, 2);
  std::size_t hunks = git_patch_num_hunks(patch.get());
  for (std::size_t h = 0; h < hunks; ++h) {
    const git_diff_hunk* hunk = nullptr;
    std::size_t lines_in_hunk = 0;
    git::check(git_patch_get_hunk(&hunk, &lines_in_hunk, patch.get(), h), "cannot read a hunk of " + fix.path);
    Suggestion s;
    s.path = fix.path;
    s.round = fix.round;
    s.fixed_fingerprints = fix.fixed_fingerprints;
    for (int i = 0; i < hunk->new_lines; ++i) {
      auto index = static_cast<std::size_t>(hunk->new_start - 1 + i);
      if (index < revised.size()) s.replacement.emplace_back(revised[index]);
    }
    if (hunk->old_lines > 0) {
      s.start_line = hunk->old_start;
      s.end_line = hunk->old_start + hunk->old_lines - 1;
    } else if (original.empty()) {
      continue;  // nothing to anchor an insertion on
    } else if (hunk->old_start >= 1) {
      s.start_line = s.end_line = hunk->old_start;
      s.replacement.insert(s.replacement.begin(), std::string(original[static_cast<std::size_t>(hunk->old_start - 1)]));
    } else {
      s.start_line = s.end_line = 1;
      s.replacement.emplace_back(original[0]);
    }
    // A change of only the final newline leaves identical lines: nothing a reviewer could apply.
    bool same = s.end_line - s.start_line + 1 == static_cast<int>(s.replacement.size());
    for (int i = 0; same && i < static_cast<int>(s.replacement.size()); ++i) {
      auto index = static_cast<std::size_t>(s.start_line - 1 + i);
      same = index < original.size() && original[index] == s.replacement[static_cast<std::size_t>(i)];
    }
    if (!same) out.push_back(std::move(s));
  }
  return out;
}

bool fits_lines(const Suggestion& suggestion, const std::set<int>& lines) {
  for (int line = suggestion.start_line; line <= suggestion.end_line; ++line)
    if (lines.count(line) == 0) return false;
  return true;
}

std::string unified_diff(const FileFix& fix) {
  PatchHandle patch = make_patch(fix, 3, 0);
  OwnedBuf out;
  git::check(git_patch_to_buf(&out.buf, patch.get()), "cannot print the diff of the refined " + fix.path);
  return std::string(out.buf.ptr == nullptr ? "" : out.buf.ptr, out.buf.size);
}

std::string fence_for(const std::vector<std::string>& lines) {
  std::size_t longest = 0;
  for (const auto& line : lines) {
    std::size_t run = 0;
    for (char c : line) {
      run = c == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

} // namespace codegate::platform
