#include "platform/ci_revisions.h"

#include "platform/github_event.h"
#include "util/log.h"

namespace codegate::platform {

CiRevisions ci_revisions(const EnvLookup& env) {
  CiRevisions revisions;
  switch (detect_ci(env)) {
    case CiPlatform::github: {
      auto event = load_github_event(env);
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

CheckOptions with_ci_revisions(CheckOptions options, const git::Repository& repo, const EnvLookup& env) {
  if (options.staged || (!options.base.empty() && !options.head.empty())) return options;
  CiRevisions ci = ci_revisions(env);
  if (ci.base.empty() && ci.head.empty()) return options;

  bool took = false;
  if (options.head.empty() && !ci.head.empty()) {
    if (repo.resolve_commit(ci.head)) {
      options.head = ci.head;
      took = true;
    } else {
      util::warn("the head commit " + ci.head.substr(0, 12) + " of " + ci.origin +
                 " is not in this clone; checking HEAD instead (actions/checkout: fetch-depth: 0)");
    }
  }
  if (options.base.empty() && !ci.base.empty()) {
    if (ci.base_may_be_gone && !repo.resolve_commit(ci.base)) {
      util::warn("the previous tip " + ci.base.substr(0, 12) + " named by " + ci.origin +
                 " is not in this clone (a force push, or a shallow clone); comparing against the default base");
    } else {
      options.base = ci.base;
      took = true;
    }
  }
  if (took) util::progress("revisions from " + ci.origin);
  return options;
}

} // namespace codegate::platform
