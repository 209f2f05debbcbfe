#pragma once
// Bitbucket Cloud's Code Insights: one report per run on the analysed commit (PASSED or FAILED,
// the counts as data, a link to the pipeline) and an annotation per reported finding, which
// Bitbucket shows on the pull request's diff and in its Reports panel.

#include <string>

#include "core/check_result.h"
#include "platform/rest_client.h"

namespace codegate::platform {

// Where the report goes: the repository ("workspace/repo_slug") and the commit.
struct BitbucketCommit {
  std::string repository;
  std::string commit;
  std::string run_url; // the pipeline, for the report's link; may be empty
};

// Code Insights takes at most 1000 annotations a report, 100 a request.
inline constexpr int k_max_insights_annotations = 1000;
inline constexpr int k_insights_batch = 100;

// The report's body (PUT .../reports/codegate).
std::string insights_report_json(const CheckResult& result, const std::string& run_url);
// The annotations of the reported findings, those that fail the gate first, at most
// k_max_insights_annotations, as bodies of at most k_insights_batch each.
std::vector<std::string> insights_annotation_batches(const CheckResult& result);

struct InsightsSummary {
  int annotations = 0; // annotations posted
  int left_out = 0;    // reported findings beyond the report's limit
};

// Replaces the commit's codegate report and its annotations: DELETE (an earlier run's
// annotations go with it), PUT, POST the batches. Throws PublishFailure when a request fails.
InsightsSummary publish_code_insights(const CheckResult& result, const BitbucketCommit& target, RestClient& api);

} // namespace codegate::platform
