#pragma once
// Everything codegate takes from its environment, read once (in main) and passed down: the CI
// system, its event and revisions, the tokens and API URLs, the runner's files, the push target.
// Nothing else reads the environment (ARCHITECTURE.md).

#include <optional>
#include <string>

#include "ci/ci_environment.h"
#include "ci/ci_revisions.h"
#include "ci/github_event.h"
#include "git/push.h"

namespace codegate::ci {

// What publishing under GitHub Actions needs.
struct GithubRun {
  std::string step_summary_file; // GITHUB_STEP_SUMMARY: the job summary, appended to
  std::string output_file;       // GITHUB_OUTPUT: the step's outputs, appended to
  std::string repository;        // GITHUB_REPOSITORY ("owner/name"); empty: the event's base repository
  std::string run_url;           // GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID, or empty
  std::string api_url = "https://api.github.com"; // GITHUB_API_URL
  std::string token;                              // GITHUB_TOKEN, else INPUT_GITHUB_TOKEN
};

// What publishing under GitLab CI needs.
struct GitlabRun {
  std::string merge_request_iid; // CI_MERGE_REQUEST_IID: empty outside merge request pipelines
  std::string token;             // GITLAB_TOKEN, else CI_JOB_TOKEN
  bool job_token = false;        // the token is CI_JOB_TOKEN (which cannot write notes)
  std::string api_url;           // CI_API_V4_URL, else CI_SERVER_URL/api/v4
  std::string project_id;        // CI_PROJECT_ID
  std::string job_url;           // CI_JOB_URL
};

// What publishing under Bitbucket Pipelines needs.
struct BitbucketRun {
  std::string workspace;    // BITBUCKET_WORKSPACE
  std::string repo_slug;    // BITBUCKET_REPO_SLUG
  std::string pull_request; // BITBUCKET_PR_ID: empty outside pull-request pipelines
  std::string pipeline_url; // BITBUCKET_GIT_HTTP_ORIGIN/pipelines/results/BITBUCKET_BUILD_NUMBER
  // BITBUCKET_TOKEN: a repository, project or workspace access token (Bearer) for the comments,
  // and for Code Insights outside Pipelines. Empty inside Pipelines: Code Insights then goes
  // through the pipeline's own authenticating proxy, which Bitbucket documents for exactly this.
  std::string token;
  std::string api_url = "https://api.bitbucket.org/2.0"; // BITBUCKET_API_URL (tests, a mirror)
  // The Pipelines proxy (CODEGATE_BITBUCKET_PROXY, default http://localhost:29418); through it
  // the API is addressed as http://api.bitbucket.org/2.0 (the proxy adds the credentials).
  std::string proxy = "http://localhost:29418";
  std::string proxied_api_url = "http://api.bitbucket.org/2.0"; // BITBUCKET_PROXIED_API_URL
};

// What publishing under Azure Pipelines needs.
struct AzureRun {
  std::string collection_uri;      // SYSTEM_COLLECTIONURI ("https://dev.azure.com/org/")
  std::string project;             // SYSTEM_TEAMPROJECT
  std::string repository_id;       // BUILD_REPOSITORY_ID
  std::string repository_provider; // BUILD_REPOSITORY_PROVIDER: TfsGit for Azure Repos
  std::string pull_request;        // SYSTEM_PULLREQUEST_PULLREQUESTID: empty outside PR builds
  std::string token;               // SYSTEM_ACCESSTOKEN (mapped into the step's env by the pipeline)
  std::string build_url;           // COLLECTION/PROJECT/_build/results?buildId=BUILD_BUILDID
};

struct CiContext {
  CiPlatform platform = CiPlatform::none;
  std::optional<GithubEvent> github_event; // GitHub Actions: the event that started the run
  CiRevisions revisions;                   // what the CI says the change is (ci/ci_revisions.h)
  GithubRun github;
  GitlabRun gitlab;
  BitbucketRun bitbucket;
  AzureRun azure;
  git::PushTarget push; // `--fix push`, as far as the environment tells (ci/push_target.h)
  // Not about CI, read here so that the environment is read in one place:
  std::string git_index_file; // GIT_INDEX_FILE: the index a `git commit -a` hook must read
  // The lookup itself, for what depends on the configuration: the LLM key (llm.api_key_env
  // names the variable) and the intent cache's default directory (XDG_CACHE_HOME, HOME).
  EnvLookup env;

  bool in_ci() const { return platform != CiPlatform::none; }
};

// Reads every variable above from `env` (main passes util::process_environment()); a GitHub event
// payload that cannot be read or parsed is a warning and no event.
CiContext read_ci_context(const EnvLookup& env);

} // namespace codegate::ci
