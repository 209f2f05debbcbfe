#include "platform/publish.h"

#include <cstdio>
#include <fstream>
#include <numeric>

#include "core/error.h"
#include "platform/ci_environment.h"
#include "platform/comment_text.h"
#include "platform/github_event.h"
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

// GitHub shows ten annotations of each kind per step; a few more cover errors and warnings both.
constexpr int k_max_annotations = 50;
// GitHub's limit for one step's summary is 1 MiB.
constexpr std::size_t k_max_step_summary = 1000000;

void write_report(const std::string& path, const std::string& content) {
  try {
    util::write_file(path, content);
  } catch (const std::exception& e) {
    throw ToolError(std::string("cannot write the report: ") + e.what());
  }
}

// The runner's environment files are appended to: other steps' lines are already there.
void append_to(const std::string& path, const std::string& content, const std::string& what) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) util::warn("cannot append the " + what + " to " + path);
}

// Workflow commands go where the runner reads them without mixing into a machine-readable report
// on stdout: stdout with the text report, stderr (which the runner reads too) otherwise.
void emit_commands(const std::vector<std::string>& lines, const CheckOptions& options) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  std::FILE* stream = options.format == "text" ? stdout : stderr;
  std::fflush(stdout);
  std::fwrite(text.data(), 1, text.size(), stream);
  std::fflush(stream);
}

int fixed_count(const CheckResult& result) {
  return std::accumulate(result.fixes.begin(), result.fixes.end(), 0, [](int sum, const FileFix& fix) {
    return sum + static_cast<int>(fix.fixed_fingerprints.size());
  });
}

std::string run_url(const EnvLookup& env) {
  std::string server = env_or(env, "GITHUB_SERVER_URL"), repository = env_or(env, "GITHUB_REPOSITORY"),
              run = env_or(env, "GITHUB_RUN_ID");
  if (server.empty() || repository.empty() || run.empty()) return "";
  return server + "/" + repository + "/actions/runs/" + run;
}

void warn_publishing(const std::string& message, bool annotate, const CheckOptions& options) {
  util::warn(message);
  if (annotate) emit_commands({"::warning title=codegate::" + escape_command_data(message)}, options);
}

void publish_github(const CheckResult& result, const ChangeSet& changes, const CheckOptions& options, CommentMode mode,
                    const HttpConfig& limits, const EnvLookup& env) {
  emit_commands(annotations(result, k_max_annotations), options);

  std::vector<std::string> all_fixes;
  for (const auto& fix : result.fixes) all_fixes.push_back(fix.path);
  std::string summary_file = env_or(env, "GITHUB_STEP_SUMMARY");
  if (!summary_file.empty())
    append_to(summary_file, summary_body(result, all_fixes, "", k_max_step_summary) + "\n", "job summary");

  std::string output_file = env_or(env, "GITHUB_OUTPUT");
  if (!output_file.empty()) {
    append_to(output_file,
              output_lines({{"sarif_file", options.sarif_file},
                            {"findings", std::to_string(result.reported_count())},
                            {"failed", result.failed ? "true" : "false"},
                            {"fixed", std::to_string(fixed_count(result))}}),
              "step outputs");
  }

  if (mode == CommentMode::none || options.staged || result.head_sha.empty()) return;
  auto event = load_github_event(env);
  if (!event || !event->pull_request) return;
  int number = *event->pull_request;
  std::string token = env_or(env, "GITHUB_TOKEN", env_or(env, "INPUT_GITHUB_TOKEN"));
  if (token.empty()) {
    util::progress("no GITHUB_TOKEN in the environment: not commenting on pull request #" + std::to_string(number));
    return;
  }
  GithubPullRequest pr{env_or(env, "GITHUB_REPOSITORY", event->base_repository), number, result.head_sha, run_url(env)};
  std::string api_url = env_or(env, "GITHUB_API_URL", "https://api.github.com");
  try {
    auto transport = http::make_curl_http_client(limits.max_response_bytes);
    RestClient api(*transport, api_url, github_headers(token), "GitHub");
    PublishSummary done = publish_to_github(result, changes, pr, mode, api);
    std::string line = "pull request #" + std::to_string(number) + ":";
    if (done.summary_created) line += " summary comment posted;";
    if (done.summary_updated) line += " summary comment updated;";
    line.append(" ").append(std::to_string(done.posted)).append(" new, ").append(std::to_string(done.kept));
    line.append(" kept, ").append(std::to_string(done.removed)).append(" removed, ");
    line.append(std::to_string(done.resolved)).append(" resolved review comments");
    if (done.over_limit > 0) line += " (" + std::to_string(done.over_limit) + " more not posted: limit per run)";
    util::progress(line);
  } catch (const PublishFailure& e) {
    if (e.no_access()) {
      warn_publishing("cannot comment on pull request #" + std::to_string(number) + " (" + e.what() +
                          "). The token has no write access to it (a pull request from a fork gets a read-only "
                          "token); the annotations, the job summary and the SARIF report carry the result.",
                      true, options);
    } else {
      warn_publishing("could not update the comments on pull request #" + std::to_string(number) + ": " + e.what(),
                      true, options);
    }
  } catch (const std::exception& e) {
    warn_publishing("could not update the comments on pull request #" + std::to_string(number) + ": " + e.what(), true,
                    options);
  }
}

void publish_gitlab(const CheckResult& result, const ChangeSet& changes, const CheckOptions& options, CommentMode mode,
                    const HttpConfig& limits, const EnvLookup& env) {
  if (mode == CommentMode::none || options.staged || result.head_sha.empty()) return;
  std::string iid = env_or(env, "CI_MERGE_REQUEST_IID");
  if (iid.empty()) return;
  std::string token = env_or(env, "GITLAB_TOKEN");
  bool job_token = false;
  if (token.empty()) {
    token = env_or(env, "CI_JOB_TOKEN");
    job_token = !token.empty();
  }
  if (token.empty()) {
    util::progress("no GITLAB_TOKEN in the environment: not commenting on merge request !" + iid);
    return;
  }
  std::string api_url = env_or(env, "CI_API_V4_URL");
  if (api_url.empty() && !env_or(env, "CI_SERVER_URL").empty()) api_url = env_or(env, "CI_SERVER_URL") + "/api/v4";
  std::string project = env_or(env, "CI_PROJECT_ID");
  if (api_url.empty() || project.empty()) {
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
  GitlabMergeRequest mr{url_encode(project), number, result.head_sha, env_or(env, "CI_JOB_URL")};
  try {
    auto transport = http::make_curl_http_client(limits.max_response_bytes);
    RestClient api(*transport, api_url, gitlab_headers(token, job_token), "GitLab");
    PublishSummary done = publish_to_gitlab(result, changes, mr, mode, api);
    std::string line = "merge request !" + iid + ":";
    if (done.summary_created) line += " summary note posted;";
    if (done.summary_updated) line += " summary note updated;";
    line.append(" ").append(std::to_string(done.posted)).append(" new, ").append(std::to_string(done.kept));
    line.append(" kept, ").append(std::to_string(done.resolved)).append(" resolved discussions");
    util::progress(line);
  } catch (const PublishFailure& e) {
    if (e.no_access()) {
      util::warn("cannot comment on merge request !" + iid + " (" + e.what() + "). " +
                 (job_token ? "CI_JOB_TOKEN cannot write merge request notes; set GITLAB_TOKEN to a project access "
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

} // namespace

void publish(const CheckResult& result, const ChangeSet& changes, const CheckOptions& options,
             const HttpConfig& limits) {
  if (!options.publish.code_quality_file.empty())
    write_report(options.publish.code_quality_file, render_code_quality(result));
  if (!options.publish.gitlab_sast_file.empty())
    write_report(options.publish.gitlab_sast_file, render_gitlab_sast(result, sast_time_now()));

  auto mode = parse_comment_mode(options.publish.comment);
  if (!mode) throw UsageError("--comment must be none, summary, review or both, not '" + options.publish.comment + "'");
  EnvLookup env = process_environment();
  switch (detect_ci(env)) {
    case CiPlatform::github: publish_github(result, changes, options, *mode, limits, env); break;
    case CiPlatform::gitlab: publish_gitlab(result, changes, options, *mode, limits, env); break;
    case CiPlatform::other:
    case CiPlatform::none: break;
  }
}

} // namespace codegate
