#include "ci/ci_revisions.h"

namespace codegate::ci {

CiRevisions ci_revisions(const EnvLookup& env, const std::optional<GithubEvent>& event) {
  CiRevisions revisions;
  switch (detect_ci(env)) {
    case CiPlatform::github: {
      if (!event) break;
      if (!event->head_sha.empty()) {
        revisions.base = event->base_sha;
        revisions.head = event->head_sha;
      } else if (!event->after.empty() && !is_null_sha(event->after)) {
        revisions.head = event->after;
        if (!is_null_sha(event->before)) revisions.base = event->before;
        revisions.base_may_be_gone = true;
      }
      revisions.origin = "the " + (event->name.empty() ? std::string("GitHub") : event->name) + " event";
      break;
    }
    case CiPlatform::gitlab: {
      std::string head = env_or(env, "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA", env_or(env, "CI_COMMIT_SHA"));
      if (!env_or(env, "CI_MERGE_REQUEST_IID").empty()) {
        revisions.base = env_or(env, "CI_MERGE_REQUEST_DIFF_BASE_SHA");
        revisions.head = head;
        revisions.origin = "the merge request pipeline";
      } else {
        std::string before = env_or(env, "CI_COMMIT_BEFORE_SHA");
        revisions.head = env_or(env, "CI_COMMIT_SHA");
        if (!is_null_sha(before)) revisions.base = before;
        revisions.base_may_be_gone = true;
        revisions.origin = "the branch pipeline";
      }
      break;
    }
    case CiPlatform::bitbucket: {
      // Pipelines has no "previous tip" of a branch: only pull-request pipelines name a base.
      // BITBUCKET_PR_DESTINATION_COMMIT is an abbreviated hash of the destination branch's tip.
      revisions.head = env_or(env, "BITBUCKET_COMMIT");
      if (!env_or(env, "BITBUCKET_PR_ID").empty()) {
        revisions.base = env_or(env, "BITBUCKET_PR_DESTINATION_COMMIT");
        revisions.origin = "the pull-request pipeline";
        revisions.fetch_hint =
            "Pipelines clones only the source branch: fetch the destination first (git fetch origin "
            "\"+refs/heads/$BITBUCKET_PR_DESTINATION_BRANCH:refs/remotes/origin/$BITBUCKET_PR_DESTINATION_BRANCH\") "
            "with `clone: depth: full`";
      } else {
        revisions.origin = "the branch pipeline";
      }
      break;
    }
    case CiPlatform::azure: {
      // A pull-request build checks out the merge of the source branch into the target; the
      // change is the source branch's own head against the target branch (its merge base).
      std::string source = env_or(env, "SYSTEM_PULLREQUEST_SOURCECOMMITID");
      std::string target = env_or(env, "SYSTEM_PULLREQUEST_TARGETBRANCH");
      if (!env_or(env, "SYSTEM_PULLREQUEST_PULLREQUESTID").empty() && !source.empty() && !target.empty()) {
        if (target.rfind("refs/heads/", 0) == 0) target = target.substr(11);
        revisions.head = source;
        revisions.base = "refs/remotes/origin/" + target;
        revisions.origin = "the pull-request build";
        revisions.fetch_hint = "check out the full history (steps: - checkout: self, fetchDepth: 0)";
      } else {
        revisions.head = env_or(env, "BUILD_SOURCEVERSION");
        revisions.origin = "the build";
      }
      break;
    }
    case CiPlatform::other:
    case CiPlatform::none: break;
  }
  return revisions;
}

} // namespace codegate::ci
