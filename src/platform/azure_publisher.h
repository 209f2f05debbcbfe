#pragma once
// Pull requests in Azure Repos through the Azure DevOps REST API (7.1): a status on the pull
// request (genre "codegate", name "gate") that a branch policy can require, one summary thread
// edited in place (closed while the gate passes, active while it fails), a file thread per finding
// on an added line, and codegate's earlier threads whose finding is gone set resolved. Azure
// DevOps renders no HTML comments or <details>, so every body goes through plain_markdown().

#include <string>
#include <utility>
#include <vector>

#include "core/change_set.h"
#include "core/check_result.h"
#include "platform/rest_client.h"
#include "platform/review_plan.h"

namespace codegate::platform {

struct AzurePullRequest {
  std::string project;       // SYSTEM_TEAMPROJECT
  std::string repository_id; // BUILD_REPOSITORY_ID
  std::string id;            // SYSTEM_PULLREQUEST_PULLREQUESTID
  std::string head_sha;      // the analysed commit
  std::string run_url;       // the build, for the status's link and the summary's footer
};

// SYSTEM_ACCESSTOKEN (the build's job access token): `Authorization: Bearer`.
std::vector<std::pair<std::string, std::string>> azure_headers(const std::string& token);

struct AzureSummary {
  PublishSummary comments;
  bool status_posted = false;
};

// Sets the status, then posts or updates what `mode` asks for; `api` is rooted at the collection
// (SYSTEM_COLLECTIONURI). Throws PublishFailure when a request fails for good; a 401/403/404
// there means the build's identity cannot contribute to pull requests.
AzureSummary publish_to_azure(const CheckResult& result, const ChangeSet& changes, const AzurePullRequest& pr,
                              CommentMode mode, RestClient& api, InlineLevel level = Level::warning);

} // namespace codegate::platform
