// publish() end to end through fakes: a CiContext instead of the environment, a scripted API
// instead of GitHub or GitLab, a string instead of stdout for the workflow commands.
#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include "ci/ci_context.h"
#include "core/error.h"
#include "fake_api.h"
#include "platform/comment_text.h"
#include "platform/gitlab_reports.h"
#include "platform/publish.h"
#include "util/files.h"
#include "util/temp_dir.h"

using namespace codegate;
using codegate::test::FakeApi;

namespace {

const char* k_bot = R"("user": {"login": "github-actions[bot]", "type": "Bot"})";
const char* k_gitlab_bot = R"("author": {"username": "project_42_bot"})";

CheckResult failing_result() {
  CheckResult result;
  result.head_sha = "headsha";
  result.failed = true;
  Finding f;
  f.tool = "bandit";
  f.rule_id = "B602";
  f.path = "app.py";
  f.line = 3;
  f.message = "shell";
  f.fingerprint = "fp";
  f.filter.reported = true;
  f.fails_gate = true;
  result.findings = {f};
  return result;
}

ChangeSet changed_app() {
  ChangeSet changes;
  ChangedFile file;
  file.path = "app.py";
  file.old_path = "app.py";
  file.status = ChangeStatus::added;
  for (int line = 1; line <= 10; ++line) {
    file.added_lines.insert(line);
    file.context_lines.insert(line);
  }
  changes.files.push_back(file);
  return changes;
}

PublishOptions comment(const std::string& mode) {
  PublishOptions options;
  if (!mode.empty()) options.comment = *parse_comment_mode(mode); // empty: the default, both
  return options;
}

// "METHOD url" of every request, one a line, in order; `api_url` cut off the front.
std::string requests_of(const FakeApi& api, const std::string& api_url = "") {
  std::string out;
  for (const auto& r : api.requests)
    out += r.method + " " + (r.url.rfind(api_url, 0) == 0 ? r.url.substr(api_url.size()) : r.url) + "\n";
  return out;
}

std::string header(const http::HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers)
    if (key == name) return value;
  return "";
}

std::string body_member(const http::HttpRequest& request, const char* name) {
  rapidjson::Document doc;
  doc.Parse(request.body.c_str());
  return doc.IsObject() && doc.HasMember(name) && doc[name].IsString() ? doc[name].GetString() : "";
}

// A pull_request run under GitHub Actions with its runner files in `dir`.
ci::CiContext github_run(const util::TempDir& dir, const std::string& token) {
  ci::CiContext ci;
  ci.platform = ci::CiPlatform::github;
  ci::GithubEvent event;
  event.name = "pull_request";
  event.pull_request = 7;
  event.base_repository = "upstream/sample";
  ci.github_event = event;
  ci.github.step_summary_file = dir.path() + "/summary.md";
  ci.github.output_file = dir.path() + "/output";
  ci.github.repository = "octo/sample";
  ci.github.run_url = "https://github.com/octo/sample/actions/runs/42";
  ci.github.token = token;
  return ci;
}

void answer_github(FakeApi& api) {
  api.handlers["GET /user"] = [](const http::HttpRequest&) {
    return FakeApi::reply(403, R"({"message":"Resource not accessible by integration"})");
  };
  api.handlers["GET /repos/octo/sample/issues/7/comments"] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, "[]");
  };
  api.handlers["POST /repos/octo/sample/issues/7/comments"] = [](const http::HttpRequest&) {
    return FakeApi::reply(201, std::string(R"({"id": 1, "body": "x", )") + k_bot + "}");
  };
  api.handlers["GET /repos/octo/sample/pulls/7/comments"] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, "[]");
  };
  api.handlers["POST /repos/octo/sample/pulls/7/reviews"] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, R"({"id": 5})");
  };
}

ci::CiContext gitlab_run(const std::string& token, bool job_token) {
  ci::CiContext ci;
  ci.platform = ci::CiPlatform::gitlab;
  ci.gitlab.merge_request_iid = "7";
  ci.gitlab.token = token;
  ci.gitlab.job_token = job_token;
  ci.gitlab.api_url = "https://gitlab.example.com/api/v4";
  ci.gitlab.project_id = "group/sample";
  ci.gitlab.job_url = "https://gitlab.example.com/group/sample/-/jobs/9";
  return ci;
}

void answer_gitlab(FakeApi& api) {
  const std::string mr = "/api/v4/projects/group%2Fsample/merge_requests/7";
  api.handlers["GET /api/v4/user"] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, R"({"username": "project_42_bot"})");
  };
  api.handlers["GET " + mr + "/notes"] = [](const http::HttpRequest&) { return FakeApi::reply(200, "[]"); };
  api.handlers["POST " + mr + "/notes"] = [](const http::HttpRequest&) {
    return FakeApi::reply(201, std::string("{\"id\": 3, ") + k_gitlab_bot + "}");
  };
  api.handlers["GET " + mr + "/discussions"] = [](const http::HttpRequest&) { return FakeApi::reply(200, "[]"); };
  api.handlers["GET " + mr] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, R"({"diff_refs": {"base_sha": "b", "start_sha": "s", "head_sha": "headsha"}})");
  };
  api.handlers["POST " + mr + "/discussions"] = [](const http::HttpRequest&) {
    return FakeApi::reply(201, R"({"id": "d1"})");
  };
}

} // namespace

TEST_CASE("publish on GitHub: annotations, the job summary and outputs appended, then the summary and one review") {
  util::TempDir dir;
  const ci::CiContext ci = github_run(dir, "t0k3n");
  REQUIRE(util::write_file(ci.github.step_summary_file, "an earlier step's summary\n"));
  REQUIRE(util::write_file(ci.github.output_file, "earlier=1\n"));
  FakeApi api;
  answer_github(api);
  CheckResult result = failing_result();
  ChangeSet changes = changed_app();
  std::string commands;
  publish({.result = result,
           .changes = changes,
           .ci = ci,
           .options = {},
           .sarif_file = "codegate.sarif",
           .transport = &api,
           .write_commands = [&](const std::string& lines) { commands += lines; }});

  CHECK(commands == "::error file=app.py,line=3,endLine=3,col=1,title=bandit B602::shell\n");
  CHECK(*util::read_file(ci.github.step_summary_file) ==
        "an earlier step's summary\n" + platform::summary_body(result, {}, "", 1000000) + "\n");
  CHECK(*util::read_file(ci.github.output_file) ==
        "earlier=1\nsarif_file=codegate.sarif\nfindings=1\nfailed=true\nfixed=0\n");

  CHECK(api.unexpected.empty());
  CHECK(requests_of(api) ==
        "GET https://api.github.com/user\n"
        "GET https://api.github.com/repos/octo/sample/issues/7/comments?per_page=100\n"
        "POST https://api.github.com/repos/octo/sample/issues/7/comments\n"
        "GET https://api.github.com/repos/octo/sample/pulls/7/comments?per_page=100\n"
        "POST https://api.github.com/repos/octo/sample/pulls/7/reviews\n");
  for (const auto& request : api.requests) CHECK(header(request, "Authorization") == "Bearer t0k3n");
  // The sticky summary links the workflow run; the review carries the finding on its line.
  std::string summary = body_member(api.requests[2], "body");
  CHECK(summary == platform::summary_body(result, {}, ci.github.run_url, 65000));
  rapidjson::Document review;
  review.Parse(api.requests[4].body.c_str());
  CHECK(std::string(review["commit_id"].GetString()) == "headsha");
  REQUIRE(review["comments"].Size() == 1);
  CHECK(review["comments"][0]["line"].GetInt() == 3);
}

TEST_CASE("publish on GitHub: the event's repository without GITHUB_REPOSITORY, a custom API URL") {
  util::TempDir dir;
  ci::CiContext ci = github_run(dir, "t");
  ci.github.repository.clear();
  ci.github.api_url = "https://ghe.example.com/api/v3";
  FakeApi api;
  api.handlers["GET /api/v3/user"] = [](const http::HttpRequest&) { return FakeApi::reply(403, "{}"); };
  api.handlers["GET /api/v3/repos/upstream/sample/issues/7/comments"] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, "[]");
  };
  api.handlers["POST /api/v3/repos/upstream/sample/issues/7/comments"] = [](const http::HttpRequest&) {
    return FakeApi::reply(201, std::string(R"({"id": 1, )") + k_bot + "}");
  };
  CheckResult result = failing_result();
  ChangeSet changes = changed_app();
  std::string commands;
  publish({.result = result,
           .changes = changes,
           .ci = ci,
           .options = comment("summary"),
           .transport = &api,
           .write_commands = [&](const std::string& lines) { commands += lines; }});
  CHECK(api.unexpected.empty());
  CHECK(api.calls("POST").size() == 1);
  CHECK(api.calls("POST")[0]->url == "https://ghe.example.com/api/v3/repos/upstream/sample/issues/7/comments");
}

TEST_CASE("publish on GitHub: a refused comment is a warning annotation, never an error") {
  util::TempDir dir;
  const ci::CiContext ci = github_run(dir, "read-only");
  FakeApi api;
  answer_github(api);
  api.handlers["POST /repos/octo/sample/issues/7/comments"] = [](const http::HttpRequest&) {
    return FakeApi::reply(403, R"({"message":"Resource not accessible by integration"})");
  };
  CheckResult result = failing_result();
  ChangeSet changes = changed_app();
  std::string commands;
  publish({.result = result,
           .changes = changes,
           .ci = ci,
           .options = {},
           .transport = &api,
           .write_commands = [&](const std::string& lines) { commands += lines; }});
  CHECK(commands ==
        "::error file=app.py,line=3,endLine=3,col=1,title=bandit B602::shell\n"
        "::warning title=codegate::cannot comment on pull request #7 (posting the summary comment failed: HTTP 403: "
        "Resource not accessible by integration). The token has no write access to it (a pull request from a fork "
        "gets a read-only token); the annotations, the job summary and the SARIF report carry the result.\n");
}

TEST_CASE("publish on GitHub without a token, with --comment none or --staged: no request, the rest as usual") {
  util::TempDir dir;
  CheckResult result = failing_result();
  ChangeSet changes = changed_app();
  auto run = [&](const ci::CiContext& ci, const std::string& mode, bool staged) {
    FakeApi api;
    answer_github(api);
    std::string commands;
    publish({.result = result,
             .changes = changes,
             .ci = ci,
             .options = comment(mode),
             .staged = staged,
             .transport = &api,
             .write_commands = [&](const std::string& lines) { commands += lines; }});
    CHECK(commands == "::error file=app.py,line=3,endLine=3,col=1,title=bandit B602::shell\n");
    return api.requests.size();
  };
  CHECK(run(github_run(dir, ""), "", false) == 0);
  CHECK(run(github_run(dir, "t"), "none", false) == 0);
  CHECK(run(github_run(dir, "t"), "", true) == 0);
  ci::CiContext push_event = github_run(dir, "t");
  push_event.github_event->pull_request.reset();
  CHECK(run(push_event, "", false) == 0);
  // Each run appended its summary: four of them.
  std::string summary = *util::read_file(dir.path() + "/summary.md");
  std::string one = platform::summary_body(result, {}, "", 1000000) + "\n";
  CHECK(summary == one + one + one + one);
}

TEST_CASE("publish on GitLab: the summary note and a discussion, with the project's token") {
  const ci::CiContext ci = gitlab_run("glpat", false);
  FakeApi api;
  answer_gitlab(api);
  CheckResult result = failing_result();
  ChangeSet changes = changed_app();
  bool commands = false;
  publish({.result = result,
           .changes = changes,
           .ci = ci,
           .options = {},
           .transport = &api,
           .write_commands = [&](const std::string&) { commands = true; }});
  CHECK_FALSE(commands); // workflow commands are GitHub's
  CHECK(api.unexpected.empty());
  CHECK(requests_of(api, "https://gitlab.example.com/api/v4") ==
        "GET /user\n"
        "GET /projects/group%2Fsample/merge_requests/7/notes?per_page=100&sort=asc&order_by=created_at\n"
        "POST /projects/group%2Fsample/merge_requests/7/notes\n"
        "GET /projects/group%2Fsample/merge_requests/7/discussions?per_page=100\n"
        "GET /projects/group%2Fsample/merge_requests/7\n"
        "POST /projects/group%2Fsample/merge_requests/7/discussions\n");
  for (const auto& request : api.requests) {
    CHECK(header(request, "PRIVATE-TOKEN") == "glpat");
    CHECK(header(request, "JOB-TOKEN").empty());
  }
  CHECK(body_member(api.requests[2], "body") == platform::summary_body(result, {}, ci.gitlab.job_url, 200000));
}

TEST_CASE("publish on GitLab: CI_JOB_TOKEN is sent as such; no token or no merge request: no request") {
  CheckResult result = failing_result();
  ChangeSet changes = changed_app();
  auto run = [&](const ci::CiContext& ci) {
    FakeApi api;
    answer_gitlab(api);
    api.handlers["POST /api/v4/projects/group%2Fsample/merge_requests/7/notes"] = [](const http::HttpRequest&) {
      return FakeApi::reply(403, R"({"message":"403 Forbidden"})");
    };
    publish({.result = result, .changes = changes, .ci = ci, .options = {}, .transport = &api});
    return api.requests;
  };
  auto job = run(gitlab_run("job", true)); // refused: a warning, not an exception
  REQUIRE_FALSE(job.empty());
  CHECK(header(job[0], "JOB-TOKEN") == "job");
  CHECK(header(job[0], "PRIVATE-TOKEN").empty());
  CHECK(run(gitlab_run("", false)).empty());
  ci::CiContext branch_pipeline = gitlab_run("glpat", false);
  branch_pipeline.gitlab.merge_request_iid.clear();
  CHECK(run(branch_pipeline).empty());
  ci::CiContext no_api = gitlab_run("glpat", false);
  no_api.gitlab.api_url.clear();
  CHECK(run(no_api).empty());
}

TEST_CASE("publish writes the GitLab report files wherever it runs, and checks --comment") {
  util::TempDir dir;
  CheckResult result = failing_result();
  ChangeSet changes = changed_app();
  const ci::CiContext local; // no CI at all
  FakeApi api;
  bool commands = false;
  PublishOptions options;
  options.code_quality_file = dir.path() + "/gl-code-quality.json";
  options.gitlab_sast_file = dir.path() + "/gl-sast.json";
  publish({.result = result,
           .changes = changes,
           .ci = local,
           .options = options,
           .transport = &api,
           .write_commands = [&](const std::string&) { commands = true; }});
  CHECK(*util::read_file(options.code_quality_file) == platform::render_code_quality(result));
  rapidjson::Document sast;
  sast.Parse(util::read_file(options.gitlab_sast_file)->c_str());
  REQUIRE(sast.IsObject());
  CHECK(std::string(sast["version"].GetString()) == platform::k_sast_schema_version);
  CHECK(sast["vulnerabilities"].Size() == 1);
  CHECK(api.requests.empty());
  CHECK_FALSE(commands);

  options.code_quality_file = dir.path(); // a directory: cannot be written
  CHECK_THROWS_AS(publish({.result = result, .changes = changes, .ci = local, .options = options}), ToolError);
}
