#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include "fake_api.h"
#include "platform/api_json.h"
#include "platform/github_publisher.h"
#include "platform/gitlab_publisher.h"
#include "platform/rest_client.h"

using namespace codegate;
using namespace codegate::platform;
using codegate::test::FakeApi;

namespace {

RestHooks no_sleep(std::vector<std::chrono::milliseconds>* waits = nullptr) {
  RestHooks hooks;
  hooks.sleep = [waits](std::chrono::milliseconds wait) {
    if (waits != nullptr) waits->push_back(wait);
  };
  hooks.on_retry = [](const std::string&) {};
  return hooks;
}

rapidjson::Document json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  return doc;
}

Finding finding(const std::string& fingerprint, int line, bool fails = true) {
  Finding f;
  f.tool = "bandit";
  f.rule_id = "B602";
  f.path = "app.py";
  f.line = line;
  f.message = "shell";
  f.fingerprint = fingerprint;
  f.filter.reported = true;
  f.fails_gate = fails;
  return f;
}

ChangeSet change_with_lines(int first, int last) {
  ChangeSet changes;
  ChangedFile file;
  file.path = "app.py";
  file.old_path = "app.py";
  file.status = ChangeStatus::added;
  for (int line = first; line <= last; ++line) {
    file.added_lines.insert(line);
    file.context_lines.insert(line);
  }
  changes.files.push_back(file);
  return changes;
}

const char* k_bot = R"("user": {"login": "github-actions[bot]", "type": "Bot"})";
const char* k_human = R"("user": {"login": "mallory", "type": "User"})";

struct GithubSetup {
  FakeApi api;
  CheckResult result;
  ChangeSet changes = change_with_lines(1, 100);
  GithubPullRequest pr{"octo/sample", 7, "headsha", ""};
  std::string issue_comments = "[]";
  std::string review_comments = "[]";

  GithubSetup() {
    result.head_sha = "headsha";
    api.handlers["GET /user"] = [](const http::HttpRequest&) {
      return FakeApi::reply(403, R"({"message":"Resource not accessible by integration"})");
    };
    api.handlers["GET /repos/octo/sample/issues/7/comments"] = [this](const http::HttpRequest&) {
      return FakeApi::reply(200, issue_comments);
    };
    api.handlers["POST /repos/octo/sample/issues/7/comments"] = [](const http::HttpRequest&) {
      return FakeApi::reply(201, std::string(R"({"id": 1, "body": "x", )") + k_bot + "}");
    };
    api.handlers["GET /repos/octo/sample/pulls/7/comments"] = [this](const http::HttpRequest&) {
      return FakeApi::reply(200, review_comments);
    };
    api.handlers["POST /repos/octo/sample/pulls/7/reviews"] = [](const http::HttpRequest&) {
      return FakeApi::reply(200, R"({"id": 5})");
    };
  }

  PublishSummary publish(CommentMode mode = CommentMode::both) {
    RestClient client(api, "https://api.github.com", github_headers("t0k3n"), "GitHub", RestClient::default_policy(),
                      no_sleep());
    return publish_to_github(result, changes, pr, mode, client);
  }
};

} // namespace

TEST_CASE("GitHub: the first run posts the summary and one review with the findings on the diff") {
  GithubSetup gh;
  gh.result.findings = {finding("a", 3), finding("b", 200)}; // line 200 is not on the diff
  gh.result.findings.push_back(finding("a", 3));             // a second finding with the same key
  auto done = gh.publish();
  CHECK(gh.api.unexpected.empty());
  CHECK(done.summary_created);
  CHECK(done.posted == 1);
  auto reviews = gh.api.calls("POST", "/reviews");
  REQUIRE(reviews.size() == 1);
  auto body = json(reviews[0]->body);
  CHECK(std::string(body["commit_id"].GetString()) == "headsha");
  CHECK(std::string(body["event"].GetString()) == "COMMENT");
  REQUIRE(body["comments"].Size() == 1);
  CHECK(body["comments"][0]["line"].GetInt() == 3);
  CHECK(std::string(body["comments"][0]["side"].GetString()) == "RIGHT");
  CHECK_FALSE(body["comments"][0].HasMember("start_line"));
  for (const auto& request : gh.api.requests) {
    std::map<std::string, std::string> headers(request.headers.begin(), request.headers.end());
    CHECK(headers["Authorization"] == "Bearer t0k3n");
    CHECK(headers["Accept"] == "application/vnd.github+json");
    CHECK(headers["X-GitHub-Api-Version"] == "2022-11-28");
  }
}

TEST_CASE("GitHub: the bot's summary is edited in place; a person's comment with the marker is left alone") {
  GithubSetup gh;
  gh.issue_comments = std::string("[{\"id\": 11, \"body\": \"<!-- codegate:summary -->\\nfake\", ") + k_human +
                      "}, {\"id\": 12, \"body\": \"<!-- codegate:summary -->\\nold\", " + k_bot + "}]";
  gh.api.handlers["PATCH /repos/octo/sample/issues/comments/12"] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, std::string(R"({"id": 12, )") + k_bot + "}");
  };
  auto done = gh.publish(CommentMode::summary);
  CHECK(gh.api.unexpected.empty());
  CHECK(done.summary_updated);
  CHECK(gh.api.calls("POST").empty());
  CHECK(gh.api.calls("GET", "/pulls/7/comments").empty());
}

TEST_CASE("GitHub: stale comments are deleted, or marked resolved when someone answered them") {
  GithubSetup gh;
  gh.result.findings = {finding("keep", 5)};
  gh.review_comments = std::string("[") + "{\"id\": 21, \"body\": \"<!-- codegate:key finding:keep -->\\nx\", " +
                       k_bot + "}," + "{\"id\": 22, \"body\": \"<!-- codegate:key finding:gone -->\\nx\", " + k_bot +
                       "}," + "{\"id\": 23, \"body\": \"<!-- codegate:key finding:answered -->\\nx\", " + k_bot + "}," +
                       "{\"id\": 24, \"body\": \"why?\", \"in_reply_to_id\": 23, " + k_human + "}," +
                       "{\"id\": 25, \"body\": \"<!-- codegate:key finding:gone -->\\nspoof\", " + k_human + "}," +
                       "{\"id\": 26, \"body\": \"<!-- codegate:key finding:keep -->\\nduplicate\", " + k_bot + "}]";
  gh.api.handlers["DELETE /repos/octo/sample/pulls/comments/22"] = [](const http::HttpRequest&) {
    return FakeApi::reply(204, "");
  };
  gh.api.handlers["DELETE /repos/octo/sample/pulls/comments/26"] = [](const http::HttpRequest&) {
    return FakeApi::reply(204, "");
  };
  gh.api.handlers["PATCH /repos/octo/sample/pulls/comments/23"] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, "{}");
  };
  // The kept comment's text is outdated: edited to what the finding says now.
  gh.api.handlers["PATCH /repos/octo/sample/pulls/comments/21"] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, "{}");
  };
  auto done = gh.publish(CommentMode::review);
  CHECK(gh.api.unexpected.empty());
  CHECK(done.kept == 1);
  CHECK(done.posted == 0);
  CHECK(done.removed == 2);
  CHECK(done.resolved == 1);
  auto patch = gh.api.calls("PATCH", "/pulls/comments/23");
  REQUIRE(patch.size() == 1);
  auto updated = gh.api.calls("PATCH", "/pulls/comments/21");
  REQUIRE(updated.size() == 1);
  CHECK(std::string(json(updated[0]->body)["body"].GetString()).rfind("<!-- codegate:key finding:keep -->\n:x: ", 0) ==
        0);
  CHECK(json(patch[0]->body)["body"].GetString() ==
        std::string("**Resolved:** codegate no longer reports this at headsha.\n\n<!-- codegate:resolved "
                    "finding:answered -->\nx"));
}

TEST_CASE("GitHub: reviews go in batches, and a refused batch is retried one comment at a time") {
  GithubSetup gh;
  for (int i = 1; i <= 35; ++i) gh.result.findings.push_back(finding("f" + std::to_string(i), i));
  int attempts = 0;
  gh.api.handlers["POST /repos/octo/sample/pulls/7/reviews"] = [&attempts](const http::HttpRequest& request) {
    ++attempts;
    auto body = json(request.body);
    for (const auto& c : body["comments"].GetArray())
      if (c["line"].GetInt() == 33) return FakeApi::reply(422, R"({"message":"line must be part of the diff"})");
    return FakeApi::reply(200, "{}");
  };
  auto done = gh.publish(CommentMode::review);
  CHECK(done.posted == 34);
  CHECK(done.failed == 1);
  CHECK(attempts == 1 + 1 + 5); // 30 accepted; 5 refused together, then one by one
}

TEST_CASE("GitHub: at most 50 new comments a run, failing findings first") {
  GithubSetup gh;
  for (int i = 1; i <= 60; ++i) gh.result.findings.push_back(finding("f" + std::to_string(i), i, i > 55));
  auto done = gh.publish(CommentMode::review);
  CHECK(done.posted == 50);
  CHECK(done.over_limit == 10);
  auto first = json(gh.api.calls("POST", "/reviews")[0]->body);
  CHECK(first["comments"][0]["line"].GetInt() == 56);
}

TEST_CASE("GitHub: suggestions are posted as suggestion blocks on the lines they replace") {
  GithubSetup gh;
  gh.result.fix_mode = FixMode::suggest;
  gh.result.fixes = {FileFix{"app.py", "a\nb\nc\nd\n", "a\nB\nC\nd\n", 1, {"x"}}};
  auto done = gh.publish(CommentMode::review);
  CHECK(done.posted == 1);
  auto body = json(gh.api.calls("POST", "/reviews")[0]->body);
  const auto& c = body["comments"][0];
  CHECK(c["start_line"].GetInt() == 2);
  CHECK(c["line"].GetInt() == 3);
  CHECK(std::string(c["start_side"].GetString()) == "RIGHT");
  CHECK(std::string(c["body"].GetString()).find("```suggestion\nB\nC\n```") != std::string::npos);
  CHECK(std::string(body["body"].GetString()).find("proposes 1 fix") != std::string::npos);
}

TEST_CASE("GitHub: a read-only token is a PublishFailure that says so") {
  GithubSetup gh;
  gh.api.handlers["POST /repos/octo/sample/issues/7/comments"] = [](const http::HttpRequest&) {
    return FakeApi::reply(403, R"({"message":"Resource not accessible by integration"})");
  };
  try {
    gh.publish();
    FAIL("no PublishFailure");
  } catch (const PublishFailure& e) {
    CHECK(e.no_access());
    CHECK(std::string(e.what()) ==
          "posting the summary comment failed: HTTP 403: Resource not accessible by integration");
  }
}

TEST_CASE("REST: server errors and rate limits are retried, client errors are not") {
  FakeApi api;
  int calls = 0;
  api.handlers["GET /api/v3/x"] = [&calls](const http::HttpRequest&) {
    ++calls;
    if (calls == 1) return FakeApi::reply(502, "<html>bad gateway</html>");
    if (calls == 2) return FakeApi::reply(403, R"({"message":"secondary rate limit"})", {{"retry-after", "2"}});
    return FakeApi::reply(200, "[]");
  };
  api.handlers["GET /api/v3/missing"] = [](const http::HttpRequest&) {
    return FakeApi::reply(404, R"({"message":"Not Found"})");
  };
  std::vector<std::chrono::milliseconds> waits;
  RestClient client(api, "https://ghe.example.com/api/v3/", {}, "GitHub", RestClient::default_policy(),
                    no_sleep(&waits));
  auto ok = client.get("/x");
  CHECK(ok.ok());
  REQUIRE(waits.size() == 2);
  CHECK(waits[0] >= std::chrono::milliseconds(500));
  CHECK(waits[1] == std::chrono::milliseconds(2000));
  CHECK(api.requests[0].url == "https://ghe.example.com/api/v3/x");
  auto missing = client.get("/missing");
  CHECK(missing.status == 404);
  CHECK(missing.failure == "HTTP 404: Not Found");
  CHECK(waits.size() == 2);
}

TEST_CASE("REST: the token is never sent to a next-page URL outside the API") {
  FakeApi api;
  RestClient client(api, "https://api.github.com", {{"Authorization", "Bearer t"}}, "GitHub");
  auto reply = client.get("https://evil.example/api.github.com/x?page=2");
  CHECK(reply.status == 0);
  CHECK(api.requests.empty());
  CHECK(reply.failure ==
        "refused to send the token to https://evil.example/api.github.com/x, which is not under "
        "https://api.github.com");
}

TEST_CASE("REST: Link headers and server messages") {
  CHECK(next_link(R"(<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last")") ==
        "https://api.github.com/x?page=2");
  CHECK(next_link(R"(<https://api.github.com/x?page=1>; rel="prev")").empty());
  CHECK(server_message(R"({"message": {"line_code": ["must be a valid line code"]}})") ==
        R"({"line_code":["must be a valid line code"]})");
  CHECK(server_message("plain text\nsecond") == "plain text");
  CHECK(url_encode("group/sub project") == "group%2Fsub%20project");
}

TEST_CASE("GitLab: a sticky note, positioned discussions on added lines, stale ones resolved") {
  FakeApi api;
  CheckResult result;
  result.head_sha = "head";
  result.findings = {finding("new", 4), finding("kept", 5)};
  ChangeSet changes = change_with_lines(1, 10);
  const char* author = R"("author": {"username": "project_42_bot"})";
  api.handlers["GET /api/v4/user"] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, R"({"username": "project_42_bot"})");
  };
  api.handlers["GET /api/v4/projects/42/merge_requests/7/notes"] = [&](const http::HttpRequest&) {
    return FakeApi::reply(
        200, std::string("[{\"id\": 3, \"system\": false, \"body\": \"<!-- codegate:summary -->\", ") + author + "}]");
  };
  api.handlers["PUT /api/v4/projects/42/merge_requests/7/notes/3"] = [&](const http::HttpRequest&) {
    return FakeApi::reply(200, std::string("{\"id\": 3, ") + author + "}");
  };
  api.handlers["GET /api/v4/projects/42/merge_requests/7/discussions"] = [&](const http::HttpRequest&) {
    return FakeApi::reply(
        200,
        std::string("[") +
            "{\"id\": \"d1\", \"notes\": [{\"id\": 31, \"body\": \"<!-- codegate:key finding:kept -->\", \"resolved\": "
            "false, " +
            author + "}]}," +
            "{\"id\": \"d2\", \"notes\": [{\"body\": \"<!-- codegate:key finding:gone -->\", \"resolved\": false, " +
            author + "}]}," +
            "{\"id\": \"d3\", \"notes\": [{\"body\": \"<!-- codegate:key finding:old -->\", \"resolved\": true, " +
            author + "}]}]");
  };
  api.handlers["GET /api/v4/projects/42/merge_requests/7"] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, R"({"diff_refs": {"base_sha": "b", "start_sha": "s", "head_sha": "head"}})");
  };
  api.handlers["POST /api/v4/projects/42/merge_requests/7/discussions"] = [](const http::HttpRequest&) {
    return FakeApi::reply(201, R"({"id": "d4"})");
  };
  api.handlers["PUT /api/v4/projects/42/merge_requests/7/discussions/d1/notes/31"] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, "{}");
  };
  api.handlers["PUT /api/v4/projects/42/merge_requests/7/discussions/d2"] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, "{}");
  };
  RestClient client(api, "https://gitlab.example.com/api/v4", gitlab_headers("glpat", false), "GitLab",
                    RestClient::default_policy(), no_sleep());
  auto done = publish_to_gitlab(result, changes, GitlabMergeRequest{"42", 7, "head", ""}, CommentMode::both, client);
  CHECK(api.unexpected.empty());
  CHECK(done.summary_updated);
  CHECK(done.posted == 1);
  CHECK(done.kept == 1);
  CHECK(done.resolved == 1);
  auto posted = json(api.calls("POST", "/discussions")[0]->body);
  CHECK(std::string(posted["position"]["position_type"].GetString()) == "text");
  CHECK(std::string(posted["position"]["start_sha"].GetString()) == "s");
  CHECK(posted["position"]["new_line"].GetInt() == 4);
  CHECK(std::string(posted["position"]["old_path"].GetString()) == "app.py");
  CHECK(json(api.calls("PUT", "/discussions/d2")[0]->body)["resolved"].GetBool());
  CHECK(api.calls("PUT", "/discussions/d1/notes/31").size() == 1);
  std::map<std::string, std::string> headers(api.requests[0].headers.begin(), api.requests[0].headers.end());
  CHECK(headers["PRIVATE-TOKEN"] == "glpat");
}

TEST_CASE("Bitbucket and Azure DevOps apply no suggestion blocks: every proposal goes to the summary as a diff") {
  CheckResult result;
  result.fix_mode = FixMode::suggest;
  result.fixes = {FileFix{"app.py", "a\nb\nc\nd\n", "a\nB\nC\nd\n", 1, {"x"}}};
  ChangeSet changes = change_with_lines(1, 100);
  DesiredComments github = desired_comments(result, changes, DiffLines::hunk, SuggestionSyntax::github);
  CHECK(github.comments.size() == 1);
  CHECK(github.unplaced_fix_paths.empty());
  DesiredComments plain = desired_comments(result, changes, DiffLines::added, SuggestionSyntax::none);
  CHECK(plain.comments.empty());
  CHECK(plain.unplaced_fix_paths == std::vector<std::string>{"app.py"});
}

TEST_CASE("REST: a list in the body, paged by `next`; a body that is not such a list is a PublishFailure") {
  FakeApi api;
  api.handlers["GET /2.0/items"] = [](const http::HttpRequest&) {
    return FakeApi::reply(200, R"({"values": [{"id": 1}, 7], "next": "https://api.example/2.0/items2"})");
  };
  api.handlers["GET /2.0/items2"] = [](const http::HttpRequest&) { return FakeApi::reply(200, R"({"values": [{"id": 2}]})"); };
  api.handlers["GET /2.0/array"] = [](const http::HttpRequest&) { return FakeApi::reply(200, R"([{"id": 3}])"); };
  RestClient client(api, "https://api.example/2.0", {}, "Bitbucket", RestClient::default_policy(), no_sleep());
  std::vector<std::string> ids;
  for_each_value(client, "/items", "listing", [&](const rapidjson::Value& v) { ids.push_back(json_id(v, "id")); });
  CHECK(ids == std::vector<std::string>{"1", "2"});
  CHECK_THROWS_AS(for_each_value(client, "/array", "listing", [](const rapidjson::Value&) {}), PublishFailure);
  ids.clear();
  for_each_item(client, "/array", "listing", [&](const rapidjson::Value& v) { ids.push_back(json_id(v, "id")); });
  CHECK(ids == std::vector<std::string>{"3"});
}
