#include "platform/publish.h"

#include <cstdio>
#include <fstream>
#include <numeric>
#include "core/error.h"
#include "platform/azure_commands.h"
#include "platform/azure_publisher.h"
#include "platform/bitbucket_insights.h"
#include "platform/bitbucket_publisher.h"
#include "platform/comment_text.h"
#include "platform/github_publisher.h"
#include "platform/gitlab_publisher.h"
#include "platform/gitlab_reports.h"
#include "platform/rest_client.h"
#include "platform/review_plan.h"
#include "platform/workflow_commands.h"
#include "util/files.h"
#include "util/log.h"

namespace codegate {
namespace {

using namespace platform;

// GitHub shows ten annotations of each kind (error, warning, notice) per step (actions/toolkit,
// problem matchers): more would be dropped without a word.
constexpr int k_annotations_per_kind = 10;
// GitHub's limit for one step's summary is 1 MiB.
constexpr std::size_t k_max_step_summary = 1000000;

void write_report(const std::string& path, const std::string& content, const std::string& checkout) {
  require(util::write_file_guarded(path, content, checkout), "cannot write the report");
}

// The runner's environment files are appended to: other steps' lines are already there.
void append_to(const std::string& path, const std::string& content, const std::string& what) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) util::warn("cannot append the " + what + " to " + path);
}

// Workflow commands go where the runner reads them without mixing into a machine-readable report
// on stdout: stdout with the text report, stderr (which the runner reads too) otherwise.
void emit_commands(const std::vector<std::string>& lines, const PublishRequest& request) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  if (request.write_commands) {
    request.write_commands(text);
    return;
  }
  std::FILE* stream = request.commands_on_stdout ? stdout : stderr;
  std::fflush(stdout);
  std::fwrite(text.data(), 1, text.size(), stream);
  std::fflush(stream);
}

int fixed_count(const CheckResult& result) {
  return std::accumulate(result.fixes.begin(), result.fixes.end(), 0, [](int sum, const FileFix& fix) {
    return sum + static_cast<int>(fix.fixed_fingerprints.size());
  });
}

void warn_publishing(const std::string& message, bool annotate, const PublishRequest& request) {
  util::warn(message);
  if (annotate) emit_commands({"::warning title=codegate::" + escape_command_data(message)}, request);
}

// The request's transport, or a libcurl one kept in `owned`.
http::HttpClient& transport_for(const PublishRequest& request, std::shared_ptr<http::HttpClient>& owned) {
  if (request.transport != nullptr) return *request.transport;
  owned = http::make_curl_http_client(request.limits.max_response_bytes);
  return *owned;
}

// What a publisher did, for the log: " summary comment posted; 2 new, 0 kept, 0 removed, 1 resolved ...".
std::string comments_line(const PublishSummary& done, const char* summary_noun, const char* inline_noun) {
  std::string line;
  if (done.summary_created) line += std::string(" ") + summary_noun + " posted;";
  if (done.summary_updated) line += std::string(" ") + summary_noun + " updated;";
  line.append(" ").append(std::to_string(done.posted)).append(" new, ").append(std::to_string(done.kept));
  line.append(" kept, ").append(std::to_string(done.removed)).append(" removed, ");
  line.append(std::to_string(done.resolved)).append(" resolved ").append(inline_noun);
  if (done.over_limit > 0) line += " (" + std::to_string(done.over_limit) + " more not posted: limit per run)";
  return line;
}

void publish_github(const PublishRequest& request, CommentMode mode) {
  const CheckResult& result = request.result;
  const ci::GithubRun& github = request.ci.github;
  emit_commands(annotations(result, k_annotations_per_kind), request);

  std::vector<std::string> all_fixes;
  for (const auto& fix : result.fixes) all_fixes.push_back(fix.path);
  if (!github.step_summary_file.empty())
    append_to(github.step_summary_file, summary_body(result, all_fixes, "", k_max_step_summary) + "\n", "job summary");

  if (!github.output_file.empty()) {
    append_to(github.output_file,
              output_lines({{"sarif_file", request.sarif_file},
                            {"findings", std::to_string(result.reported_count())},
                            {"failed", result.failed ? "true" : "false"},
                            {"fixed", std::to_string(fixed_count(result))}}),
              "step outputs");
  }

  if (mode == CommentMode::none || request.staged || result.head_sha.empty()) return;
  const auto& event = request.ci.github_event;
  if (!event || !event->pull_request) return;
  int number = *event->pull_request;
  if (github.token.empty()) {
    util::progress("no GITHUB_TOKEN in the environment: not commenting on pull request #" + std::to_string(number));
    return;
  }
  GithubPullRequest pr{github.repository.empty() ? event->base_repository : github.repository, number, result.head_sha,
                       github.run_url};
  try {
    std::shared_ptr<http::HttpClient> owned;
    RestClient api(transport_for(request, owned), github.api_url, github_headers(github.token), "GitHub");
    PublishSummary done = publish_to_github(result, request.changes, pr, mode, api, request.comment_level);
    util::progress("pull request #" + std::to_string(number) + ":" +
                   comments_line(done, "summary comment", "review comments"));
  } catch (const PublishFailure& e) {
    if (e.no_access()) {
      warn_publishing("cannot comment on pull request #" + std::to_string(number) + " (" + e.what() +
                          "). The token has no write access to it (a pull request from a fork gets a read-only "
                          "token); the annotations, the job summary and the SARIF report carry the result.",
                      true, request);
    } else {
      warn_publishing("could not update the comments on pull request #" + std::to_string(number) + ": " + e.what(),
                      true, request);
    }
  } catch (const std::exception& e) {
    warn_publishing("could not update the comments on pull request #" + std::to_string(number) + ": " + e.what(), true,
                    request);
  }
}

void publish_gitlab(const PublishRequest& request, CommentMode mode) {
  const CheckResult& result = request.result;
  const ci::GitlabRun& gitlab = request.ci.gitlab;
  if (mode == CommentMode::none || request.staged || result.head_sha.empty()) return;
  const std::string& iid = gitlab.merge_request_iid;
  if (iid.empty()) return;
  if (gitlab.token.empty()) {
    util::progress("no GITLAB_TOKEN in the environment: not commenting on merge request !" + iid);
    return;
  }
  if (gitlab.api_url.empty() || gitlab.project_id.empty()) {
    util::warn("CI_API_V4_URL or CI_PROJECT_ID is not set: not commenting on merge request !" + iid);
    return;
  }
  int number = 0;
  try {
    number = std::stoi(iid);
  } catch (const std::exception&) {
    util::warn("CI_MERGE_REQUEST_IID is not a number: '" + iid + "'");
    return;
  }
  GitlabMergeRequest mr{url_encode(gitlab.project_id), number, result.head_sha, gitlab.job_url};
  try {
    std::shared_ptr<http::HttpClient> owned;
    RestClient api(transport_for(request, owned), gitlab.api_url, gitlab_headers(gitlab.token, gitlab.job_token),
                   "GitLab");
    PublishSummary done = publish_to_gitlab(result, request.changes, mr, mode, api, request.comment_level);
    std::string line = "merge request !" + iid + ":";
    if (done.summary_created) line += " summary note posted;";
    if (done.summary_updated) line += " summary note updated;";
    line.append(" ").append(std::to_string(done.posted)).append(" new, ").append(std::to_string(done.kept));
    line.append(" kept, ").append(std::to_string(done.resolved)).append(" resolved discussions");
    util::progress(line);
  } catch (const PublishFailure& e) {
    if (e.no_access()) {
      util::warn("cannot comment on merge request !" + iid + " (" + e.what() + "). " +
                 (gitlab.job_token
                      ? "CI_JOB_TOKEN cannot write merge request notes; set GITLAB_TOKEN to a project access "
                        "token with the api scope (a masked CI/CD variable)."
                      : "The token needs the api scope and at least the Reporter role.") +
                 " The job log and the report artifacts carry the result.");
    } else {
      util::warn("could not update the comments on merge request !" + iid + ": " + e.what());
    }
  } catch (const std::exception& e) {
    util::warn("could not update the comments on merge request !" + iid + ": " + e.what());
  }
}

// Code Insights on the analysed commit (inside Pipelines through its authenticating proxy when no
// token is given), then the pull request's comments when a token may write them.
void publish_bitbucket(const PublishRequest& request, CommentMode mode) {
  const CheckResult& result = request.result;
  const ci::BitbucketRun& bitbucket = request.ci.bitbucket;
  if (request.staged || result.head_sha.empty()) return;
  if (bitbucket.workspace.empty() || bitbucket.repo_slug.empty()) {
    util::warn("BITBUCKET_WORKSPACE or BITBUCKET_REPO_SLUG is not set: no Code Insights report");
    return;
  }
  std::string repository = url_encode(bitbucket.workspace) + "/" + url_encode(bitbucket.repo_slug);
  std::shared_ptr<http::HttpClient> owned;
  http::HttpClient& transport = transport_for(request, owned);
  try {
    bool proxied = bitbucket.token.empty();
    RestClient api(transport, proxied ? bitbucket.proxied_api_url : bitbucket.api_url,
                   proxied ? std::vector<std::pair<std::string, std::string>>{{"Accept", "application/json"}}
                           : bitbucket_headers(bitbucket.token),
                   "Bitbucket");
    if (proxied) api.use_proxy(bitbucket.proxy);
    InsightsSummary done = publish_code_insights(result, {repository, result.head_sha, bitbucket.pipeline_url}, api);
    std::string line = "Code Insights report on " + result.head_sha.substr(0, 12) + ": " +
                       std::to_string(done.annotations) + " annotations";
    if (done.left_out > 0)
      line += " (" + std::to_string(done.left_out) + " more reported findings left out: Bitbucket takes " +
              std::to_string(k_max_insights_annotations) + " a report; the SARIF report has every one)";
    util::progress(line);
  } catch (const std::exception& e) {
    util::warn("could not publish the Code Insights report: " + std::string(e.what()) +
               (bitbucket.token.empty() ? " (outside Pipelines, set BITBUCKET_TOKEN)" : ""));
  }

  if (mode == CommentMode::none || bitbucket.pull_request.empty()) return;
  const std::string& id = bitbucket.pull_request;
  if (bitbucket.token.empty()) {
    util::progress("no BITBUCKET_TOKEN in the environment: not commenting on pull request #" + id);
    return;
  }
  try {
    RestClient api(transport, bitbucket.api_url, bitbucket_headers(bitbucket.token), "Bitbucket");
    PublishSummary done = publish_to_bitbucket(result, request.changes,
                                               {repository, url_encode(id), result.head_sha, bitbucket.pipeline_url},
                                               mode, api, request.comment_level);
    util::progress("pull request #" + id + ":" + comments_line(done, "summary comment", "inline comments"));
  } catch (const PublishFailure& e) {
    util::warn("cannot comment on pull request #" + id + " (" + e.what() + ")" +
               (e.no_access() ? ". BITBUCKET_TOKEN needs the pullrequest:write scope (a repository access token); "
                                "the Code Insights report and the report files carry the result."
                              : ""));
  } catch (const std::exception& e) {
    util::warn("could not update the comments on pull request #" + id + ": " + e.what());
  }
}

// Logged issues for the build's summary, then the pull request's status and threads (Azure
// Repos) with the build's own token.
void publish_azure(const PublishRequest& request, CommentMode mode) {
  const CheckResult& result = request.result;
  const ci::AzureRun& azure = request.ci.azure;
  emit_commands(logissues(result, k_annotations_per_kind), request);
  if (request.staged || result.head_sha.empty() || azure.pull_request.empty()) return;
  const std::string& id = azure.pull_request;
  if (azure.repository_provider != "TfsGit") {
    util::progress("the pull request #" + id + " is on " +
                   (azure.repository_provider.empty() ? std::string("another service") : azure.repository_provider) +
                   ", not Azure Repos: no status or threads (on GitHub, run codegate as a GitHub Action)");
    return;
  }
  if (azure.token.empty()) {
    util::progress(
        "no SYSTEM_ACCESSTOKEN in the environment (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)): "
        "no status or threads on pull request " +
        id);
    return;
  }
  if (azure.collection_uri.empty() || azure.project.empty() || azure.repository_id.empty()) {
    util::warn(
        "SYSTEM_COLLECTIONURI, SYSTEM_TEAMPROJECT or BUILD_REPOSITORY_ID is not set: no status or threads on "
        "pull request " +
        id);
    return;
  }
  try {
    std::shared_ptr<http::HttpClient> owned;
    RestClient api(transport_for(request, owned), azure.collection_uri, azure_headers(azure.token), "Azure DevOps");
    AzureSummary done = publish_to_azure(result, request.changes,
                                         {azure.project, azure.repository_id, id, result.head_sha, azure.build_url},
                                         mode, api, request.comment_level);
    std::string line = "pull request " + id + ": status " + (result.failed ? "failed" : "succeeded");
    if (mode != CommentMode::none) line += ";" + comments_line(done.comments, "summary thread", "threads");
    util::progress(line);
  } catch (const PublishFailure& e) {
    util::warn("cannot publish to pull request " + id + " (" + e.what() + ")" +
               (e.no_access() ? ". The build service needs \"Contribute to pull requests\" on the repository; the "
                                "logged issues and the report files carry the result."
                              : ""));
  } catch (const std::exception& e) {
    util::warn("could not publish to pull request " + id + ": " + e.what());
  }
}

} // namespace

void publish(const PublishRequest& request) {
  const PublishOptions& options = request.options;
  if (!options.code_quality_file.empty())
    write_report(options.code_quality_file, render_code_quality(request.result), request.checkout);
  if (!options.gitlab_sast_file.empty())
    write_report(options.gitlab_sast_file, render_gitlab_sast(request.result, sast_time_now()), request.checkout);

  const CommentMode mode = options.comment;
  switch (request.ci.platform) {
    case ci::CiPlatform::github: publish_github(request, mode); break;
    case ci::CiPlatform::gitlab: publish_gitlab(request, mode); break;
    case ci::CiPlatform::bitbucket: publish_bitbucket(request, mode); break;
    case ci::CiPlatform::azure: publish_azure(request, mode); break;
    case ci::CiPlatform::other:
    case ci::CiPlatform::none: break;
  }
}

} // namespace codegate
