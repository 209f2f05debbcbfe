#pragma once
// Where `--fix push` pushes, read from the CI environment: the pull request's branch, the remote,
// the token, and whether pushing can work at all (a fork's pull request cannot).

#include <optional>
#include <string>

#include "git/commit.h"
#include "git/push.h"
#include "platform/ci_environment.h"

namespace codegate::refine {

// The branch, first found: CODEGATE_PUSH_BRANCH; GITHUB_HEAD_REF (a GitHub pull request's head
// branch); CI_MERGE_REQUEST_SOURCE_BRANCH_NAME (a GitLab merge request's); CI_COMMIT_BRANCH (a
// GitLab branch pipeline); GITHUB_REF_NAME when GITHUB_REF is a branch (a GitHub push); else the
// branch checked out. The token: CODEGATE_PUSH_TOKEN (user CODEGATE_PUSH_USER, default
// x-access-token), GITHUB_TOKEN (x-access-token), GITLAB_TOKEN (oauth2). A GitHub pull request
// from a fork, or a GitLab merge request from another project, makes the push impossible.
git::PushTarget push_target(const platform::EnvLookup& env, const git::HeadState& head);

} // namespace codegate::refine
