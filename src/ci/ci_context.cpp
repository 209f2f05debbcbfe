#include "ci/ci_context.h"

#include "ci/push_target.h"

namespace codegate::ci {
namespace {

GithubRun github_run(const EnvLookup& env) {
  GithubRun run;
  run.step_summary_file = env_or(env, "GITHUB_STEP_SUMMARY");
  run.output_file = env_or(env, "GITHUB_OUTPUT");
  run.repository = env_or(env, "GITHUB_REPOSITORY");
  std::string server = env_or(env, "GITHUB_SERVER_URL"), id = env_or(env, "GITHUB_RUN_ID");
  if (!server.empty() && !run.repository.empty() && !id.empty())
    run.run_url = server + "/" + run.repository + "/actions/runs/" + id;
  run.api_url = env_or(env, "GITHUB_API_URL", run.api_url);
  run.token = env_or(env, "GITHUB_TOKEN", env_or(env, "INPUT_GITHUB_TOKEN"));
  return run;
}

GitlabRun gitlab_run(const EnvLookup& env) {
  GitlabRun run;
  run.merge_request_iid = env_or(env, "CI_MERGE_REQUEST_IID");
  run.token = env_or(env, "GITLAB_TOKEN");
  if (run.token.empty()) {
    run.token = env_or(env, "CI_JOB_TOKEN");
    run.job_token = !run.token.empty();
  }
  run.api_url = env_or(env, "CI_API_V4_URL");
  if (run.api_url.empty() && !env_or(env, "CI_SERVER_URL").empty())
    run.api_url = env_or(env, "CI_SERVER_URL") + "/api/v4";
  run.project_id = env_or(env, "CI_PROJECT_ID");
  run.job_url = env_or(env, "CI_JOB_URL");
  return run;
}

} // namespace

CiContext read_ci_context(const EnvLookup& env) {
  CiContext ci;
  ci.platform = detect_ci(env);
  ci.github_event = load_github_event(env);
  ci.revisions = ci_revisions(env, ci.github_event);
  ci.github = github_run(env);
  ci.gitlab = gitlab_run(env);
  ci.push = push_target_from_environment(env, ci.github_event);
  ci.git_index_file = env_or(env, "GIT_INDEX_FILE");
  ci.env = env;
  return ci;
}

} // namespace codegate::ci
