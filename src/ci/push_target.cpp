#include "ci/push_target.h"

#include "util/strings.h"

namespace codegate::ci {

git::PushTarget push_target_from_environment(const EnvLookup& env, const std::optional<GithubEvent>& event) {
  git::PushTarget target;
  target.remote = env_or(env, "CODEGATE_PUSH_REMOTE", "origin");

  struct Source {
    const char* variable;
    bool only_for_branches;
  };
  for (const Source& source : {Source{"CODEGATE_PUSH_BRANCH", false}, Source{"GITHUB_HEAD_REF", false},
                               Source{"CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", false}, Source{"CI_COMMIT_BRANCH", false},
                               Source{"GITHUB_REF_NAME", true}}) {
    std::string value = env_or(env, source.variable);
    if (value.empty()) continue;
    if (source.only_for_branches && !util::starts_with(env_or(env, "GITHUB_REF"), "refs/heads/")) continue;
    target.branch = value;
    target.branch_source = source.variable;
    break;
  }

  if (std::string token = env_or(env, "CODEGATE_PUSH_TOKEN"); !token.empty()) {
    target.credentials =
        git::PushCredentials{env_or(env, "CODEGATE_PUSH_USER", "x-access-token"), token, "CODEGATE_PUSH_TOKEN"};
  } else if (std::string github = env_or(env, "GITHUB_TOKEN"); !github.empty()) {
    target.credentials = git::PushCredentials{"x-access-token", github, "GITHUB_TOKEN"};
  } else if (std::string gitlab = env_or(env, "GITLAB_TOKEN"); !gitlab.empty()) {
    target.credentials = git::PushCredentials{"oauth2", gitlab, "GITLAB_TOKEN"};
  }

  // The integration tests push to a local git server over http://. An environment variable, so
  // nothing in a pull request (its .codegate.yml) can send the token in clear.
  if (target.credentials && !env_or(env, "CODEGATE_TEST_ALLOW_HTTP_CREDENTIALS").empty())
    target.credentials->allow_plain_http = true;

  if (event && event->from_fork()) {
    target.impossible = "the pull request comes from the fork " + event->head_repository +
                        ", whose branch this run's token cannot push to";
  }
  std::string source_project = env_or(env, "CI_MERGE_REQUEST_SOURCE_PROJECT_ID");
  std::string project = env_or(env, "CI_MERGE_REQUEST_PROJECT_ID");
  if (!source_project.empty() && !project.empty() && source_project != project) {
    target.impossible = "the merge request comes from another project (" +
                        env_or(env, "CI_MERGE_REQUEST_SOURCE_PROJECT_PATH", "id " + source_project) +
                        "), whose branch this job's token cannot push to";
  }
  return target;
}

git::PushTarget push_target(git::PushTarget target, const git::HeadState& head) {
  if (target.branch.empty() && util::starts_with(head.branch, "refs/heads/")) {
    target.branch = head.branch.substr(std::string_view("refs/heads/").size());
    target.branch_source = "the checked-out branch";
  }
  if (target.impossible.empty() && target.branch.empty())
    target.impossible =
        "no branch to push to: HEAD is detached and neither CODEGATE_PUSH_BRANCH nor a CI branch "
        "variable is set";
  return target;
}

} // namespace codegate::ci
