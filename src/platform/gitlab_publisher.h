#pragma once
// Merge-request comments through the GitLab REST API (v4): one sticky note edited in place, a
// positioned discussion per finding on an added line (and refine suggestions), and codegate's
// earlier discussions whose finding is gone set resolved.

#include <string>
#include <utility>
#include <vector>

#include "core/change_set.h"
#include "core/check_result.h"
#include "platform/rest_client.h"
#include "platform/review_plan.h"

namespace codegate::platform {

struct GitlabMergeRequest {
  std::string project;  // CI_PROJECT_ID (or a URL-encoded path)
  int iid = 0;          // CI_MERGE_REQUEST_IID
  std::string head_sha; // the analysed commit; discussions are positioned on it
  std::string run_url;  // the pipeline job (CI_JOB_URL), for the note's footer
};

// GitLab's authentication headers: PRIVATE-TOKEN for a personal, project or group access token
// (GITLAB_TOKEN), JOB-TOKEN for CI_JOB_TOKEN.
std::vector<std::pair<std::string, std::string>> gitlab_headers(const std::string& token, bool job_token);

// Posts or updates everything `mode` asks for. Throws PublishFailure when a request fails for
// good; a 401/403/404 there means the token cannot write to the merge request.
PublishSummary publish_to_gitlab(const CheckResult& result, const ChangeSet& changes, const GitlabMergeRequest& mr,
                                 CommentMode mode, RestClient& api, InlineLevel level = Level::warning);

} // namespace codegate::platform
