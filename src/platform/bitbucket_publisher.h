#pragma once
// Pull-request comments through the Bitbucket Cloud REST API (2.0): one sticky summary comment
// edited in place, an inline comment per finding on an added line, and codegate's earlier
// comments whose finding is gone deleted (or, when someone answered, marked resolved).
// Bitbucket renders no HTML, so every body goes through plain_markdown().

#include <string>
#include <utility>
#include <vector>

#include "core/change_set.h"
#include "core/check_result.h"
#include "platform/rest_client.h"
#include "platform/review_plan.h"

namespace codegate::platform {

struct BitbucketPullRequest {
  std::string repository; // "workspace/repo_slug"
  std::string id;         // BITBUCKET_PR_ID
  std::string head_sha;   // the analysed commit
  std::string run_url;    // the pipeline, for the summary's footer
};

// A repository, project or workspace access token: `Authorization: Bearer`.
std::vector<std::pair<std::string, std::string>> bitbucket_headers(const std::string& token);

// Posts or updates everything `mode` asks for. Throws PublishFailure when a request fails for
// good; a 401/403/404 there means the token cannot write to the pull request.
PublishSummary publish_to_bitbucket(const CheckResult& result, const ChangeSet& changes,
                                    const BitbucketPullRequest& pr, CommentMode mode, RestClient& api,
                                    InlineLevel level = Level::warning);

} // namespace codegate::platform
