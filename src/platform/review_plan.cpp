#include "platform/review_plan.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace codegate::platform {

DesiredComments desired_comments(const CheckResult& result, const ChangeSet& changes, DiffLines lines,
                                 SuggestionSyntax syntax, InlineLevel level) {
  DesiredComments out;
  std::set<std::string> keys;
  auto allowed = [&](const ChangedFile& file) -> const std::set<int>& {
    return lines == DiffLines::hunk ? file.context_lines : file.added_lines;
  };
  // Failing findings first, so that a limit on new comments keeps what blocks the merge.
  std::vector<const Finding*> ordered;
  for (const auto& f : result.findings)
    if (f.filter.reported && f.fails_gate) ordered.push_back(&f);
  for (const auto& f : result.findings)
    if (f.filter.reported && !f.fails_gate && level && f.level >= *level && f.advisory.empty()) ordered.push_back(&f);
  for (const Finding* f : ordered) {
    const ChangedFile* file = changes.find(f->path);
    // On the finding's first line, or else on the first line of its region the diff has: a
    // finding matched on a later line of its region is still commented where it was matched.
    std::optional<int> anchor;
    for (int line = f->line; file != nullptr && !anchor && line <= std::max(f->line, f->end_line); ++line)
      if (allowed(*file).count(line) != 0) anchor = line;
    if (!anchor) {
      ++out.findings_off_diff;
      continue;
    }
    InlineComment comment{finding_key(*f), f->path, file->old_path.empty() ? f->path : file->old_path,
                          *anchor,         *anchor, finding_comment(*f, result.filter_mode)};
    if (keys.insert(comment.key).second) out.comments.push_back(std::move(comment));
  }

  if (result.fix_mode != FixMode::suggest) return out;
  for (const auto& fix : result.fixes) {
    if (syntax == SuggestionSyntax::none) {
      out.unplaced_fix_paths.push_back(fix.path);
      continue;
    }
    const ChangedFile* file = changes.find(fix.path);
    bool all_placed = true;
    for (const auto& s : suggestions_for(fix)) {
      // GitLab anchors a suggestion on its first line; the rest only needs to be in the hunk.
      bool fits = file != nullptr && fits_lines(s, file->context_lines) &&
                  (lines == DiffLines::hunk || file->added_lines.count(s.start_line) != 0);
      if (!fits) {
        all_placed = false;
        continue;
      }
      InlineComment comment{suggestion_key(s),
                            s.path,
                            file->old_path.empty() ? s.path : file->old_path,
                            s.start_line,
                            lines == DiffLines::hunk ? s.end_line : s.start_line,
                            suggestion_comment(s, syntax)};
      if (keys.insert(comment.key).second) out.comments.push_back(std::move(comment));
    }
    if (!all_placed) out.unplaced_fix_paths.push_back(fix.path);
  }
  return out;
}

ReviewPlan plan_review(const std::vector<InlineComment>& desired, const std::vector<ExistingComment>& existing,
                       int max_new) {
  ReviewPlan plan;
  std::set<std::string> wanted;
  for (const auto& d : desired) wanted.insert(d.key);
  std::map<std::string, const ExistingComment*> present;
  for (const auto& e : existing) {
    if (e.resolved) continue;
    // The first comment with a key stays; a second one (a retried POST) is a duplicate.
    if (wanted.count(e.key) != 0 && present.emplace(e.key, &e).second) continue;
    plan.stale.push_back(e);
  }
  for (const auto& d : desired) {
    auto there = present.find(d.key);
    if (there != present.end()) {
      ++plan.kept;
      if (there->second->body != d.body) plan.to_update.emplace_back(*there->second, d.body);
    } else if (static_cast<int>(plan.to_post.size()) < max_new) {
      plan.to_post.push_back(d);
    } else {
      ++plan.over_limit;
    }
  }
  return plan;
}

} // namespace codegate::platform
