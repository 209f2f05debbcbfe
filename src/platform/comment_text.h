#pragma once
// What codegate writes into pull-request and merge-request comments, and the hidden markers by
// which a later run recognises its own comments to update, keep or resolve them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/check_result.h"
#include "report/markdown_escape.h"
#include "report/suggestion.h"

namespace codegate::platform {

// The first line of the sticky summary (render_markdown starts with it).
inline constexpr std::string_view k_summary_marker = "<!-- codegate:summary -->";

// The identity of an inline comment: "finding:<fingerprint>" or "suggestion:<hash>".
std::string finding_key(const Finding& finding);
std::string suggestion_key(const Suggestion& suggestion);

// The key hidden in an inline comment body written by finding_comment or suggestion_comment;
// nullopt for anything else (including comments marked resolved).
std::optional<std::string> comment_key(std::string_view body);

// True when a comment body is a sticky summary.
bool is_summary(std::string_view body);

// An inline comment on a finding: rule, CWE, level, whether it fails the gate, the message.
std::string finding_comment(const Finding& finding, FilterMode mode);

// Which platform's suggestion syntax to use.
enum class SuggestionSyntax {
  github, // ```suggestion replacing the commented line range
  gitlab, // ```suggestion:-0+N replacing the commented line and N below it
  none,   // the platform applies none (Bitbucket, Azure DevOps): revisions go in the summary as diffs
};

// An inline comment proposing a refine revision as an applicable suggestion.
std::string suggestion_comment(const Suggestion& suggestion, SuggestionSyntax syntax);

// A comment body marked as resolved: the key is gone so no later run touches it again.
std::string resolved_comment(std::string_view body, std::string_view head_sha);

// The sticky summary: render_markdown(result), the refine proposals that could not be placed on
// the diff's lines as diffs, and a footer naming the analysed commit (and `run_url` when known).
// Cut to `max_chars` (GitHub refuses comments over 65536 characters).
std::string summary_body(const CheckResult& result, const std::vector<std::string>& unplaced_fix_paths,
                         const std::string& run_url, std::size_t max_chars);

} // namespace codegate::platform
