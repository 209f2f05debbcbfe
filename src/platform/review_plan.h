#pragma once
// Which inline comments a run wants on the diff, and how they compare with the ones earlier runs
// left: post the new, keep the unchanged, resolve or remove the stale. Shared by the GitHub and
// GitLab publishers, free of any API.

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/change_set.h"
#include "core/check_result.h"
#include "core/policies.h"
#include "platform/comment_text.h"

namespace codegate::platform {

// Which comments a run posts (--comment: CommentMode, core/policies.h).
inline bool wants_summary(CommentMode mode) { return mode == CommentMode::summary || mode == CommentMode::both; }
inline bool wants_review(CommentMode mode) { return mode == CommentMode::review || mode == CommentMode::both; }

// One comment the run wants on a line range of the head revision.
struct InlineComment {
  std::string key;      // comment_key() of body
  std::string path;     // head path
  std::string old_path; // base path (differs for renames)
  int start_line = 0;   // first line (== line for one line)
  int line = 0;         // last line: where the comment sits
  std::string body;
};

// Where inline comments may sit: GitHub accepts any line of a diff hunk; GitLab positions used
// here name only the new line, which it accepts for added lines.
enum class DiffLines { hunk, added };

// The run's inline comments: one per reported finding whose line is on the diff (first of each
// key), then, when the refine mode is "suggest", one per suggestion that fits on the diff.
struct DesiredComments {
  std::vector<InlineComment> comments;
  std::vector<std::string> unplaced_fix_paths; // fixes with a part that fits nowhere on the diff
  int findings_off_diff = 0;                   // reported findings on lines outside the diff
};
// Which reported findings get an inline comment (comment_level, InlineLevel: core/policies.h):
// those that fail the gate, and those at `level` or above that can fail (not advisory); nullopt:
// the failing ones only. The others are in the summary comment.
DesiredComments desired_comments(const CheckResult& result, const ChangeSet& changes, DiffLines lines,
                                 SuggestionSyntax syntax, InlineLevel level = Level::warning);

// A comment an earlier run (or this one) left, as read back from the API.
struct ExistingComment {
  std::string id;  // the API's id for the comment (GitHub) or discussion (GitLab)
  std::string key; // comment_key() of its body
  std::string body;
  std::string note_id;      // GitLab: the discussion's first note, which holds the body
  bool has_replies = false; // someone answered it: resolve, never delete
  bool resolved = false;    // GitLab: the discussion is already resolved
};

struct ReviewPlan {
  std::vector<InlineComment> to_post; // wanted and not there yet, at most the limit
  std::vector<ExistingComment> stale; // there and no longer wanted (or a duplicate)
  // Wanted and there, with a body that changed (a refine status, the wording of a message):
  // the existing comment and the body it should have now.
  std::vector<std::pair<ExistingComment, std::string>> to_update;
  int kept = 0;       // wanted and already there (updated or not)
  int over_limit = 0; // wanted but beyond the per-run limit
};

// Compares; at most `max_new` comments are posted per run, so a change with hundreds of findings
// does not flood the review (the summary lists them all).
ReviewPlan plan_review(const std::vector<InlineComment>& desired, const std::vector<ExistingComment>& existing,
                       int max_new);

// What a publisher did, for the log and the tests.
struct PublishSummary {
  bool summary_created = false;
  bool summary_updated = false;
  int posted = 0;   // new inline comments
  int kept = 0;     // inline comments already there
  int removed = 0;  // stale inline comments deleted
  int resolved = 0; // stale inline comments marked (or, on GitLab, set) resolved
  int failed = 0;   // inline comments the API refused one by one (a line not in its diff)
  int over_limit = 0;
};

// A request to the API that failed in a way publishing cannot work around.
class PublishFailure : public std::runtime_error {
public:
  PublishFailure(const std::string& what, long status) : std::runtime_error(what), status_(status) {}
  long status() const { return status_; }
  // The token may read but not write (a fork's pull request) or is not valid for this project.
  bool no_access() const { return status_ == 401 || status_ == 403 || status_ == 404; }

private:
  long status_;
};

} // namespace codegate::platform
