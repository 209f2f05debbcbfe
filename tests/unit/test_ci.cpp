#include <doctest/doctest.h>

#include "ci/ci_context.h"
#include "ci/ci_revisions.h"
#include "ci/github_event.h"
#include "ci/push_target.h"
#include "git/repository.h"
#include "git_fixture.h"
#include "pipeline/revisions_from_ci.h"
#include "util/files.h"
#include "util/temp_dir.h"

using namespace codegate;
using namespace codegate::ci;

namespace {

const char* k_pull_request = R"({
  "action": "opened", "number": 7,
  "pull_request": {"number": 7, "body": null, "title": "t",
    "head": {"sha": "ec26c3e57ca3a959ca5aad62de7213c562f8c821", "repo": {"full_name": "forker/sample"}},
    "base": {"sha": "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", "repo": {"full_name": "octo/sample"}}},
  "repository": {"full_name": "octo/sample"}
})";

const char* k_zero = "0000000000000000000000000000000000000000";

// The revisions as the run gets them: through the context main builds.
CiRevisions ci_revisions(const EnvLookup& env) { return read_ci_context(env).revisions; }

// The push target as the run gets it: the context's, completed for the checked-out head.
git::PushTarget target_of(const EnvLookup& env, const git::HeadState& head) {
  return push_target(read_ci_context(env).push, head);
}

} // namespace

TEST_CASE("a pull_request payload gives the number, both commits and whether it comes from a fork") {
  std::string error;
  auto event = parse_github_event("pull_request", k_pull_request, error);
  REQUIRE(event);
  CHECK(event->pull_request == 7);
  CHECK(event->base_sha == "f95f852bd8fca8fcc58a9a2d6c842781e32a215e");
  CHECK(event->head_sha == "ec26c3e57ca3a959ca5aad62de7213c562f8c821");
  CHECK(event->from_fork());
}

TEST_CASE("push and merge_group payloads, and payloads that are not JSON objects") {
  std::string error;
  auto push =
      parse_github_event("push", R"({"before": "aaa", "after": "bbb", "repository": {"full_name": "o/r"}})", error);
  REQUIRE(push);
  CHECK_FALSE(push->pull_request);
  CHECK(push->before == "aaa");
  CHECK(push->after == "bbb");
  CHECK_FALSE(push->from_fork());
  auto group = parse_github_event("merge_group", R"({"merge_group": {"base_sha": "b", "head_sha": "h"}})", error);
  REQUIRE(group);
  CHECK(group->base_sha == "b");
  CHECK(group->head_sha == "h");
  CHECK_FALSE(parse_github_event("push", "[1]", error));
  CHECK(error == "not a JSON object");
  CHECK_FALSE(parse_github_event("push", "{", error));
  CHECK(error == "not valid JSON");
}

TEST_CASE("the CI's revisions: GitHub events and GitLab variables") {
  util::TempDir dir;
  std::string event_path = dir.path() + "/event.json";
  REQUIRE(util::write_file(event_path, k_pull_request));
  auto github = [&](const std::string& name, const std::string& path) {
    return map_environment({{"GITHUB_ACTIONS", "true"}, {"GITHUB_EVENT_NAME", name}, {"GITHUB_EVENT_PATH", path}});
  };
  CiRevisions pr = ci_revisions(github("pull_request_target", event_path));
  CHECK(pr.base == "f95f852bd8fca8fcc58a9a2d6c842781e32a215e");
  CHECK(pr.head == "ec26c3e57ca3a959ca5aad62de7213c562f8c821");
  CHECK(pr.origin == "the pull_request_target event");

  REQUIRE(util::write_file(event_path, std::string(R"({"before": ")") + k_zero + R"(", "after": "abc"})"));
  CiRevisions new_branch = ci_revisions(github("push", event_path));
  CHECK(new_branch.base.empty());
  CHECK(new_branch.head == "abc");

  CHECK(ci_revisions(github("push", dir.path() + "/missing.json")).head.empty());

  CiRevisions mr = ci_revisions(map_environment({{"GITLAB_CI", "true"},
                                                 {"CI_MERGE_REQUEST_IID", "3"},
                                                 {"CI_MERGE_REQUEST_DIFF_BASE_SHA", "base"},
                                                 {"CI_COMMIT_SHA", "head"}}));
  CHECK(mr.base == "base");
  CHECK(mr.head == "head");
  CiRevisions merged = ci_revisions(map_environment({{"GITLAB_CI", "true"},
                                                     {"CI_MERGE_REQUEST_IID", "3"},
                                                     {"CI_MERGE_REQUEST_DIFF_BASE_SHA", "base"},
                                                     {"CI_COMMIT_SHA", "merge"},
                                                     {"CI_MERGE_REQUEST_SOURCE_BRANCH_SHA", "source"}}));
  CHECK(merged.head == "source");
  CiRevisions branch = ci_revisions(
      map_environment({{"GITLAB_CI", "true"}, {"CI_COMMIT_BEFORE_SHA", k_zero}, {"CI_COMMIT_SHA", "head"}}));
  CHECK(branch.base.empty());
  CHECK(branch.head == "head");
  CHECK(ci_revisions(map_environment({{"CI", "true"}})).head.empty());
}

TEST_CASE("CI revisions fill only what the user left empty, and only commits the clone has") {
  test::GitFixture fixture;
  fixture.write("a.txt", "1\n");
  std::string first = fixture.commit("first");
  fixture.write("a.txt", "2\n");
  std::string second = fixture.commit("second");
  auto repo = git::Repository::open(fixture.path());
  auto gitlab = [](const std::string& base, const std::string& head, bool mr) {
    std::map<std::string, std::string> vars{{"GITLAB_CI", "true"}, {"CI_COMMIT_SHA", head}};
    if (mr) {
      vars["CI_MERGE_REQUEST_IID"] = "1";
      vars["CI_MERGE_REQUEST_DIFF_BASE_SHA"] = base;
    } else {
      vars["CI_COMMIT_BEFORE_SHA"] = base;
    }
    return ci_revisions(map_environment(vars));
  };

  CheckOptions options;
  auto filled = with_ci_revisions(options, repo, gitlab(first, second, true));
  CHECK(filled.base == first);
  CHECK(filled.head == second);

  options.base = "main";
  CHECK(with_ci_revisions(options, repo, gitlab(first, second, true)).base == "main");
  options.base.clear();

  std::string absent = "1234567890123456789012345678901234567890";
  auto head_missing = with_ci_revisions(options, repo, gitlab(first, absent, true));
  CHECK(head_missing.head.empty()); // HEAD instead, with a warning
  CHECK(head_missing.base == first);

  auto pushed_over = with_ci_revisions(options, repo, gitlab(absent, second, false));
  CHECK(pushed_over.base.empty()); // the default base instead
  CHECK(pushed_over.head == second);

  // A pull request's base must be there: the check then says which history to fetch.
  CHECK(with_ci_revisions(options, repo, gitlab(absent, second, true)).base == absent);

  options.staged = true;
  CHECK(with_ci_revisions(options, repo, gitlab(first, second, true)).head.empty());
}

TEST_CASE("the CI platform is read from the variables each CI sets") {
  CHECK(detect_ci(map_environment({})) == CiPlatform::none);
  CHECK(detect_ci(map_environment({{"CI", "true"}})) == CiPlatform::other);
  CHECK(detect_ci(map_environment({{"CI", "true"}, {"GITLAB_CI", "true"}})) == CiPlatform::gitlab);
  CHECK(detect_ci(map_environment({{"CI", "true"}, {"GITHUB_ACTIONS", "true"}})) == CiPlatform::github);
  CHECK(detect_ci(map_environment({{"CI", "false"}})) == CiPlatform::none);
  CHECK(is_null_sha(k_zero));
  CHECK_FALSE(is_null_sha(""));
  CHECK_FALSE(is_null_sha("00a"));
}

TEST_CASE("push target: branch and token from the CI, forks refused") {
  git::HeadState detached{"", "abc", true};
  auto github = target_of(ci::map_environment({{"GITHUB_HEAD_REF", "feature"}, {"GITHUB_TOKEN", "t"}}), detached);
  CHECK(github.branch == "feature");
  CHECK(github.branch_source == "GITHUB_HEAD_REF");
  REQUIRE(github.credentials);
  CHECK(github.credentials->username == "x-access-token");
  CHECK(github.credentials->source == "GITHUB_TOKEN");
  CHECK(github.impossible.empty());

  auto own = target_of(ci::map_environment({{"CODEGATE_PUSH_BRANCH", "fix"},
                                            {"CODEGATE_PUSH_TOKEN", "p"},
                                            {"GITHUB_TOKEN", "t"},
                                            {"CODEGATE_PUSH_REMOTE", "upstream"}}),
                       {"refs/heads/main", "abc", false});
  CHECK(own.branch == "fix");
  CHECK(own.remote == "upstream");
  CHECK(own.credentials->source == "CODEGATE_PUSH_TOKEN");

  auto local = target_of(ci::map_environment({}), {"refs/heads/topic", "abc", false});
  CHECK(local.branch == "topic");
  CHECK(local.branch_source == "the checked-out branch");
  CHECK_FALSE(local.credentials);

  auto nowhere = target_of(ci::map_environment({}), detached);
  CHECK(nowhere.impossible.find("no branch to push to") == 0);

  auto fork = target_of(ci::map_environment({{"CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "f"},
                                             {"CI_MERGE_REQUEST_SOURCE_PROJECT_ID", "7"},
                                             {"CI_MERGE_REQUEST_PROJECT_ID", "3"},
                                             {"CI_MERGE_REQUEST_SOURCE_PROJECT_PATH", "someone/fork"}}),
                        detached);
  CHECK(fork.impossible ==
        "the merge request comes from another project (someone/fork), whose branch this job's token "
        "cannot push to");

  util::TempDir dir;
  REQUIRE(util::write_file(dir.path() + "/event.json",
                   R"({"pull_request": {"number": 3, "head": {"repo": {"full_name": "someone/fork"}, "sha": "a"},)"
                   R"( "base": {"repo": {"full_name": "owner/repo"}, "sha": "b"}}})"));
  auto github_fork = target_of(ci::map_environment({{"GITHUB_ACTIONS", "true"},
                                                    {"GITHUB_EVENT_NAME", "pull_request"},
                                                    {"GITHUB_EVENT_PATH", dir.path() + "/event.json"},
                                                    {"GITHUB_HEAD_REF", "f"}}),
                               detached);
  CHECK(github_fork.impossible ==
        "the pull request comes from the fork someone/fork, whose branch this run's token "
        "cannot push to");
}

TEST_CASE("the context holds what publishing reads, each variable with its fallback") {
  CiContext github = read_ci_context(map_environment({{"GITHUB_ACTIONS", "true"},
                                                      {"GITHUB_STEP_SUMMARY", "/tmp/summary"},
                                                      {"GITHUB_OUTPUT", "/tmp/output"},
                                                      {"GITHUB_REPOSITORY", "octo/sample"},
                                                      {"GITHUB_SERVER_URL", "https://github.com"},
                                                      {"GITHUB_RUN_ID", "42"},
                                                      {"INPUT_GITHUB_TOKEN", "input"},
                                                      {"GIT_INDEX_FILE", ".git/index.lock"}}));
  CHECK(github.platform == CiPlatform::github);
  CHECK(github.in_ci());
  CHECK_FALSE(github.github_event); // no GITHUB_EVENT_PATH
  CHECK(github.github.step_summary_file == "/tmp/summary");
  CHECK(github.github.output_file == "/tmp/output");
  CHECK(github.github.run_url == "https://github.com/octo/sample/actions/runs/42");
  CHECK(github.github.api_url == "https://api.github.com");
  CHECK(github.github.token == "input");
  CHECK(github.git_index_file == ".git/index.lock");
  CHECK(read_ci_context(map_environment({{"GITHUB_TOKEN", "t"}, {"INPUT_GITHUB_TOKEN", "input"}})).github.token == "t");
  CHECK(read_ci_context(map_environment({{"GITHUB_REPOSITORY", "o/r"}})).github.run_url.empty());

  CiContext gitlab = read_ci_context(map_environment({{"GITLAB_CI", "true"},
                                                      {"CI_MERGE_REQUEST_IID", "5"},
                                                      {"CI_JOB_TOKEN", "job"},
                                                      {"CI_SERVER_URL", "https://gitlab.example"},
                                                      {"CI_PROJECT_ID", "group/project"},
                                                      {"CI_JOB_URL", "https://gitlab.example/-/jobs/1"}}));
  CHECK(gitlab.platform == CiPlatform::gitlab);
  CHECK(gitlab.gitlab.merge_request_iid == "5");
  CHECK(gitlab.gitlab.token == "job");
  CHECK(gitlab.gitlab.job_token);
  CHECK(gitlab.gitlab.api_url == "https://gitlab.example/api/v4");
  CHECK(gitlab.gitlab.project_id == "group/project");
  CHECK(gitlab.gitlab.job_url == "https://gitlab.example/-/jobs/1");
  CiContext own_token = read_ci_context(
      map_environment({{"GITLAB_TOKEN", "pat"}, {"CI_JOB_TOKEN", "job"}, {"CI_API_V4_URL", "https://api.example/v4"}}));
  CHECK(own_token.gitlab.token == "pat");
  CHECK_FALSE(own_token.gitlab.job_token);
  CHECK(own_token.gitlab.api_url == "https://api.example/v4");
  CHECK_FALSE(read_ci_context(map_environment({})).in_ci());
}

TEST_CASE("Bitbucket Pipelines and Azure Pipelines: detection, revisions and what publishing reads") {
  CHECK(detect_ci(map_environment({{"CI", "true"}, {"BITBUCKET_BUILD_NUMBER", "31"}})) == CiPlatform::bitbucket);
  CHECK(detect_ci(map_environment({{"TF_BUILD", "True"}})) == CiPlatform::azure);
  CHECK(detect_ci(map_environment({{"BITBUCKET_BUILD_NUMBER", ""}})) == CiPlatform::none);

  auto bitbucket_env = map_environment({{"BITBUCKET_BUILD_NUMBER", "31"},
                                        {"BITBUCKET_COMMIT", "headsha"},
                                        {"BITBUCKET_PR_ID", "7"},
                                        {"BITBUCKET_PR_DESTINATION_COMMIT", "0123456789ab"},
                                        {"BITBUCKET_WORKSPACE", "octo"},
                                        {"BITBUCKET_REPO_SLUG", "sample"},
                                        {"BITBUCKET_GIT_HTTP_ORIGIN", "http://bitbucket.org/octo/sample"}});
  CiRevisions pr = ci_revisions(bitbucket_env);
  CHECK(pr.base == "0123456789ab");
  CHECK(pr.head == "headsha");
  CHECK(pr.origin == "the pull-request pipeline");
  CHECK(pr.fetch_hint.find("$BITBUCKET_PR_DESTINATION_BRANCH") != std::string::npos);
  CiRevisions branch = ci_revisions(map_environment({{"BITBUCKET_BUILD_NUMBER", "3"}, {"BITBUCKET_COMMIT", "h"}}));
  CHECK(branch.base.empty());
  CHECK(branch.head == "h");

  CiContext bitbucket = read_ci_context(bitbucket_env);
  CHECK(bitbucket.bitbucket.pipeline_url == "https://bitbucket.org/octo/sample/pipelines/results/31");
  CHECK(bitbucket.bitbucket.pull_request == "7");
  CHECK(bitbucket.bitbucket.token.empty());
  CHECK(bitbucket.bitbucket.api_url == "https://api.bitbucket.org/2.0");
  CHECK(bitbucket.bitbucket.proxy == "http://localhost:29418");
  CHECK(bitbucket.bitbucket.proxied_api_url == "http://api.bitbucket.org/2.0");

  auto azure_env = map_environment({{"TF_BUILD", "True"},
                                    {"SYSTEM_PULLREQUEST_PULLREQUESTID", "12"},
                                    {"SYSTEM_PULLREQUEST_SOURCECOMMITID", "source"},
                                    {"SYSTEM_PULLREQUEST_TARGETBRANCH", "refs/heads/release/2.0"},
                                    {"BUILD_SOURCEVERSION", "merge"},
                                    {"SYSTEM_COLLECTIONURI", "https://dev.azure.com/octo"},
                                    {"SYSTEM_TEAMPROJECT", "Sample"},
                                    {"BUILD_REPOSITORY_ID", "r1"},
                                    {"BUILD_REPOSITORY_PROVIDER", "TfsGit"},
                                    {"BUILD_BUILDID", "118"},
                                    {"SYSTEM_ACCESSTOKEN", "t"}});
  CiRevisions azure_pr = ci_revisions(azure_env);
  CHECK(azure_pr.base == "refs/remotes/origin/release/2.0");
  CHECK(azure_pr.head == "source");
  CHECK(azure_pr.origin == "the pull-request build");
  CiRevisions build = ci_revisions(map_environment({{"TF_BUILD", "True"}, {"BUILD_SOURCEVERSION", "tip"}}));
  CHECK(build.base.empty());
  CHECK(build.head == "tip");

  CiContext azure = read_ci_context(azure_env);
  CHECK(azure.azure.collection_uri == "https://dev.azure.com/octo/");
  CHECK(azure.azure.build_url == "https://dev.azure.com/octo/Sample/_build/results?buildId=118");
  CHECK(azure.azure.pull_request == "12");
  CHECK(azure.azure.token == "t");
}
