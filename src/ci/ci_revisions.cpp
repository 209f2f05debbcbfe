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
    case CiPlatform::other:
    case CiPlatform::none: break;
  }
  return revisions;
}

} // namespace codegate::ci
