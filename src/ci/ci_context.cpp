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

BitbucketRun bitbucket_run(const EnvLookup& env) {
  BitbucketRun run;
  run.workspace = env_or(env, "BITBUCKET_WORKSPACE");
  run.repo_slug = env_or(env, "BITBUCKET_REPO_SLUG");
  run.pull_request = env_or(env, "BITBUCKET_PR_ID");
  std::string origin = env_or(env, "BITBUCKET_GIT_HTTP_ORIGIN"), build = env_or(env, "BITBUCKET_BUILD_NUMBER");
  if (origin.rfind("http://", 0) == 0) origin = "https://" + origin.substr(7);
  if (!origin.empty() && !build.empty()) run.pipeline_url = origin + "/pipelines/results/" + build;
  run.token = env_or(env, "BITBUCKET_TOKEN");
  run.api_url = env_or(env, "BITBUCKET_API_URL", run.api_url);
  run.proxy = env_or(env, "CODEGATE_BITBUCKET_PROXY", run.proxy);
  run.proxied_api_url = env_or(env, "BITBUCKET_PROXIED_API_URL", run.proxied_api_url);
  return run;
}

AzureRun azure_run(const EnvLookup& env) {
  AzureRun run;
  run.collection_uri = env_or(env, "SYSTEM_COLLECTIONURI");
  if (!run.collection_uri.empty() && run.collection_uri.back() != '/') run.collection_uri += '/';
  run.project = env_or(env, "SYSTEM_TEAMPROJECT");
  run.repository_id = env_or(env, "BUILD_REPOSITORY_ID");
  run.repository_provider = env_or(env, "BUILD_REPOSITORY_PROVIDER");
  run.pull_request = env_or(env, "SYSTEM_PULLREQUEST_PULLREQUESTID");
  run.token = env_or(env, "SYSTEM_ACCESSTOKEN");
  std::string build = env_or(env, "BUILD_BUILDID");
  if (!run.collection_uri.empty() && !run.project.empty() && !build.empty()) {
    std::string project;
    for (char c : run.project) project += c == ' ' ? std::string("%20") : std::string(1, c);
    run.build_url = run.collection_uri + project + "/_build/results?buildId=" + build;
  }
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
  ci.bitbucket = bitbucket_run(env);
  ci.azure = azure_run(env);
  ci.push = push_target_from_environment(env, ci.github_event);
  ci.git_index_file = env_or(env, "GIT_INDEX_FILE");
  ci.env = env;
  return ci;
}

} // namespace codegate::ci
