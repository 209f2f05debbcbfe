#pragma once
// Pull-request comments through the GitHub REST API (github.com and GitHub Enterprise Server):
// one sticky summary comment edited in place, an inline review on the diff's lines with refine
// suggestions, and earlier codegate comments whose finding is gone removed or marked resolved.

#include <string>

#include "core/change_set.h"
#include "core/check_result.h"
#include "platform/rest_client.h"
#include "platform/review_plan.h"

namespace codegate::platform {

struct GithubPullRequest {
  std::string repository; // "owner/name"
  int number = 0;
  std::string head_sha; // the commit the review comments are made on
  std::string run_url;  // the workflow run, for the summary's footer; may be empty
};

// The headers GitHub's REST API documents: a bearer token, its media type, a pinned API version.
std::vector<std::pair<std::string, std::string>> github_headers(const std::string& token);

// Posts or updates everything `mode` asks for. Throws PublishFailure when a request fails for
// good (after retries); a 401/403/404 there means the token cannot write to the pull request.
PublishSummary publish_to_github(const CheckResult& result, const ChangeSet& changes, const GithubPullRequest& pr,
                                 CommentMode mode, RestClient& api, InlineLevel level = Level::warning);

} // namespace codegate::platform
