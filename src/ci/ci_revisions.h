#pragma once
// The change a CI run is about, from what the CI system says (the GitHub event, GitLab's merge
// request variables), so that `codegate check` in CI needs no --base or --head.

#include <optional>
#include <string>

#include "ci/ci_environment.h"
#include "ci/github_event.h"

namespace codegate::ci {

// What the CI says; a member is empty when it says nothing usable about it.
struct CiRevisions {
  std::string base;              // a commit id: the pull request's base, the push's previous tip
  std::string head;              // a commit id: the pull request's head, the pushed tip
  std::string origin;            // where they came from, for progress ("the pull_request event")
  bool base_may_be_gone = false; // a push's previous tip: a force push can make it unreachable
  std::string fetch_hint;        // what to fetch when the base is not in the clone (empty: nothing to say)
};

// GitHub (`event`: load_github_event): pull_request / pull_request_target (and other events
// carrying a pull request): pull_request.base.sha and head.sha; merge_group: base_sha and
// head_sha; push: before and after, where an all-zero `before` (a new branch) leaves the base to
// the default.
// GitLab: CI_MERGE_REQUEST_DIFF_BASE_SHA and CI_COMMIT_SHA (the source branch's
// CI_MERGE_REQUEST_SOURCE_BRANCH_SHA in merged-results pipelines); a branch pipeline:
// CI_COMMIT_BEFORE_SHA and CI_COMMIT_SHA.
// Bitbucket: BITBUCKET_PR_DESTINATION_COMMIT and BITBUCKET_COMMIT in pull-request pipelines;
// a branch pipeline names only its head.
// Azure Pipelines: a pull-request build's SYSTEM_PULLREQUEST_SOURCECOMMITID against
// origin/<SYSTEM_PULLREQUEST_TARGETBRANCH>; another build names only BUILD_SOURCEVERSION.
CiRevisions ci_revisions(const EnvLookup& env, const std::optional<GithubEvent>& event);

} // namespace codegate::ci
