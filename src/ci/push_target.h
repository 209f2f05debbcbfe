#pragma once
// Where `--fix push` pushes, from the CI environment: the pull request's branch, the remote, the
// token, and whether pushing can work at all (a fork's pull request cannot).

#include <optional>

#include "ci/ci_environment.h"
#include "ci/github_event.h"
#include "git/commit.h"
#include "git/push.h"

namespace codegate::ci {

// What the environment says, read once into the CiContext. The branch, first found:
// CODEGATE_PUSH_BRANCH; GITHUB_HEAD_REF (a GitHub pull request's head branch);
// CI_MERGE_REQUEST_SOURCE_BRANCH_NAME (a GitLab merge request's); CI_COMMIT_BRANCH (a GitLab
// branch pipeline); GITHUB_REF_NAME when GITHUB_REF is a branch (a GitHub push); else empty. The
// token: CODEGATE_PUSH_TOKEN (user CODEGATE_PUSH_USER, default x-access-token), GITHUB_TOKEN
// (x-access-token), GITLAB_TOKEN (oauth2). A GitHub pull request from a fork (`event`:
// load_github_event), or a GitLab merge request from another project, makes the push impossible.
git::PushTarget push_target_from_environment(const EnvLookup& env, const std::optional<GithubEvent>& event);

// The target for the checked-out `head`: the environment's, with the branch checked out when no
// variable names one, and impossible when there is no branch at all (a detached HEAD).
git::PushTarget push_target(git::PushTarget from_environment, const git::HeadState& head);

} // namespace codegate::ci
