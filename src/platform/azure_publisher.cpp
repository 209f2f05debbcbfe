#include "platform/azure_publisher.h"

#include "platform/api_json.h"
#include "platform/plain_markdown.h"
#include "report/summary.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate::platform {
namespace {

constexpr int k_max_new_comments = 50;
// A thread comment holds at most 150,000 characters.
constexpr std::size_t k_max_comment_chars = 100000;
constexpr std::string_view k_api_version = "api-version=7.1";

// Whose threads this run may edit or resolve: the build identity, as connectionData names it;
// else any author.
struct Identity {
  std::string id;
  bool owns(const rapidjson::Value& comment) const {
    if (id.empty()) return true;
    const rapidjson::Value* author = json_object(comment, "author");
    return author != nullptr && json_string(*author, "id") == id;
  }
};

bool is_closed(const std::string& status) {
  return status == "fixed" || status == "closed" || status == "wontFix" || status == "byDesign";
}

std::string status_json(const CheckResult& result, const std::string& run_url) {
  ReportCounts counts = count_findings(result);
  std::string description = std::string(result.failed ? "FAILED: " : "passed: ") +
                            count_noun(counts.reported, "finding", "findings") + " reported";
  if (counts.failing > 0) description += ", " + failing_phrase(counts.failing);
  JsonBody json;
  json.start_object()
      .member("state", result.failed ? "failed" : "succeeded")
      .member("description", description);
  json.start_object("context").member("genre", "codegate").member("name", "gate").end_object();
  if (util::starts_with(run_url, "https://") || util::starts_with(run_url, "http://")) json.member("targetUrl", run_url);
  json.end_object();
  return json.str();
}

std::string comment_json(const std::string& content) {
  return JsonBody().start_object().member("content", content).end_object().str();
}

std::string thread_status_json(const char* status) {
  return JsonBody().start_object().member("status", status).end_object().str();
}

class AzurePublisher {
public:
  AzurePublisher(const CheckResult& result, const ChangeSet& changes, const AzurePullRequest& pr, RestClient& api,
                 InlineLevel level)
      : level_(level),
        result_(result),
        changes_(changes),
        pr_(pr),
        api_(api),
        base_("/" + url_encode(pr.project) + "/_apis/git/repositories/" + url_encode(pr.repository_id) +
              "/pullRequests/" + url_encode(pr.id)) {}

  AzureSummary run(CommentMode mode) {
    require_ok(api_.send("POST", base_ + "/statuses?" + std::string(k_api_version), status_json(result_, pr_.run_url)),
               "setting the pull request's status");
    done_.status_posted = true;
    if (mode == CommentMode::none) return done_;
    RestReply me = api_.get("/_apis/connectionData");
    if (me.ok()) {
      auto doc = parse_reply(me, "connectionData");
      if (const rapidjson::Value* user = json_object(doc, "authenticatedUser")) identity_.id = json_string(*user, "id");
    }
    DesiredComments desired = desired_comments(result_, changes_, DiffLines::added, SuggestionSyntax::none, level_);
    read_threads();
    if (wants_summary(mode)) summary_thread(desired.unplaced_fix_paths);
    if (wants_review(mode)) file_threads(desired.comments);
    return done_;
  }

private:
  std::string threads(const std::string& rest = "") const {
    return base_ + "/threads" + rest + "?" + std::string(k_api_version);
  }

  void read_threads() {
    for_each_value(
        api_, threads(), "listing the pull request's threads",
        [&](const rapidjson::Value& t) {
          if (json_bool(t, "isDeleted")) return;
          auto comments = t.FindMember("comments");
          if (comments == t.MemberEnd() || !comments->value.IsArray() || comments->value.Empty()) return;
          const rapidjson::Value& first = comments->value[0];
          if (!identity_.owns(first) || json_bool(first, "isDeleted")) return;
          std::string content = json_string(first, "content");
          std::string marked = restore_markers(content);
          if (json_object(t, "threadContext") == nullptr) {
            if (summary_.id.empty() && is_summary(marked)) {
              summary_ = {json_id(t, "id"), "", content, json_id(first, "id")};
              summary_status_ = json_string(t, "status");
            }
            return;
          }
          auto key = comment_key(marked);
          if (!key) return;
          ExistingComment e{json_id(t, "id"), *key, content, json_id(first, "id")};
          e.has_replies = comments->value.Size() > 1;
          e.resolved = is_closed(json_string(t, "status"));
          existing_.push_back(std::move(e));
        },
        "value");
  }

  void summary_thread(const std::vector<std::string>& unplaced) {
    std::string content = plain_markdown(summary_body(result_, unplaced, pr_.run_url, k_max_comment_chars));
    // A passing gate leaves nothing to resolve: a policy that requires resolved comments passes.
    const char* status = result_.failed ? "active" : "closed";
    if (!summary_.id.empty()) {
      RestReply reply =
          api_.send("PATCH", threads("/" + summary_.id + "/comments/" + summary_.note_id), comment_json(content));
      if (reply.status != 404) {
        require_ok(reply, "updating the summary thread");
        if (summary_status_ != status)
          require_ok(api_.send("PATCH", threads("/" + summary_.id), thread_status_json(status)),
                     "setting the summary thread's status");
        done_.comments.summary_updated = true;
        return;
      }
    }
    JsonBody json;
    json.start_object().start_array("comments");
    json.start_object().member("parentCommentId", 0).member("content", content).member("commentType", "text");
    json.end_object().end_array().member("status", status).end_object();
    require_ok(api_.send("POST", threads(), json.str()), "posting the summary thread");
    done_.comments.summary_created = true;
  }

  void file_threads(std::vector<InlineComment> desired) {
    for (auto& c : desired) c.body = plain_markdown(c.body);
    ReviewPlan plan = plan_review(desired, existing_, k_max_new_comments);
    done_.comments.kept = plan.kept;
    done_.comments.over_limit = plan.over_limit;
    for (const auto& c : plan.to_post) post(c);
    for (const auto& [thread, body] : plan.to_update) {
      RestReply reply = api_.send("PATCH", threads("/" + thread.id + "/comments/" + thread.note_id), comment_json(body));
      if (reply.status != 404) require_ok(reply, "updating a thread");
    }
    for (const auto& stale : plan.stale) {
      RestReply reply = api_.send("PATCH", threads("/" + stale.id), thread_status_json("fixed"));
      if (reply.status == 404) continue;
      require_ok(reply, "resolving a thread");
      ++done_.comments.resolved;
    }
  }

  void post(const InlineComment& c) {
    JsonBody json;
    json.start_object().start_array("comments");
    json.start_object().member("parentCommentId", 0).member("content", c.body).member("commentType", "text");
    json.end_object().end_array().member("status", "active");
    json.start_object("threadContext").member("filePath", "/" + c.path);
    json.start_object("rightFileStart").member("line", c.start_line).member("offset", 1).end_object();
    json.start_object("rightFileEnd").member("line", c.line).member("offset", 1).end_object();
    json.end_object().end_object();
    RestReply reply = api_.send("POST", threads(), json.str());
    if (reply.status == 400) {
      ++done_.comments.failed;
      util::warn("Azure DevOps did not accept a thread on " + c.path + ":" + std::to_string(c.line) + " (" +
                 reply.failure + ")");
      return;
    }
    require_ok(reply, "starting a thread");
    ++done_.comments.posted;
  }

  InlineLevel level_;
  const CheckResult& result_;
  const ChangeSet& changes_;
  const AzurePullRequest& pr_;
  RestClient& api_;
  std::string base_;
  Identity identity_;
  ExistingComment summary_;
  std::string summary_status_;
  std::vector<ExistingComment> existing_;
  AzureSummary done_;
};

} // namespace

std::vector<std::pair<std::string, std::string>> azure_headers(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Accept", "application/json"}};
}

AzureSummary publish_to_azure(const CheckResult& result, const ChangeSet& changes, const AzurePullRequest& pr,
                              CommentMode mode, RestClient& api, InlineLevel level) {
  return AzurePublisher(result, changes, pr, api, level).run(mode);
}

} // namespace codegate::platform
