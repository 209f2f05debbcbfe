#include "platform/bitbucket_publisher.h"

#include <set>

#include "platform/api_json.h"
#include "platform/plain_markdown.h"
#include "util/log.h"

namespace codegate::platform {
namespace {

constexpr int k_max_new_comments = 50;
// Bitbucket does not document a comment size limit; a summary past this is not read anyway.
constexpr std::size_t k_max_comment_chars = 60000;

// Whose comments this run may edit or delete: the token's account when GET /user says, else any
// author (an access token's bot account may not read /user).
struct Identity {
  std::string account_id;
  bool owns(const rapidjson::Value& comment) const {
    if (account_id.empty()) return true;
    const rapidjson::Value* user = json_object(comment, "user");
    return user != nullptr && json_string(*user, "account_id") == account_id;
  }
};

std::string content_json(const std::string& raw) {
  return JsonBody().start_object().start_object("content").member("raw", raw).end_object().end_object().str();
}

std::string raw_of(const rapidjson::Value& comment) {
  const rapidjson::Value* content = json_object(comment, "content");
  return content != nullptr ? json_string(*content, "raw") : "";
}

class BitbucketPublisher {
public:
  BitbucketPublisher(const CheckResult& result, const ChangeSet& changes, const BitbucketPullRequest& pr,
                     RestClient& api, InlineLevel level)
      : level_(level),
        result_(result),
        changes_(changes),
        pr_(pr),
        api_(api),
        comments_("/repositories/" + pr.repository + "/pullrequests/" + pr.id + "/comments") {}

  PublishSummary run(CommentMode mode) {
    RestReply me = api_.get("/user");
    if (me.ok()) identity_.account_id = json_string(parse_reply(me, "GET /user"), "account_id");
    // Bitbucket applies no suggestion blocks: refine's revisions are diffs in the summary.
    DesiredComments desired = desired_comments(result_, changes_, DiffLines::added, SuggestionSyntax::none, level_);
    read_comments();
    if (wants_summary(mode)) sticky_summary(desired.unplaced_fix_paths);
    if (wants_review(mode)) inline_comments(desired.comments);
    return summary_;
  }

private:
  void read_comments() {
    std::set<std::string> answered;
    for_each_value(api_, comments_ + "?pagelen=100", "listing the pull request's comments",
                   [&](const rapidjson::Value& c) {
                     if (json_bool(c, "deleted")) return;
                     if (const rapidjson::Value* parent = json_object(c, "parent"))
                       answered.insert(json_id(*parent, "id"));
                     if (!identity_.owns(c)) return;
                     std::string raw = raw_of(c);
                     std::string marked = restore_markers(raw);
                     if (json_object(c, "inline") == nullptr) {
                       if (summary_id_.empty() && is_summary(marked)) summary_id_ = json_id(c, "id");
                       return;
                     }
                     if (auto key = comment_key(marked)) existing_.push_back({json_id(c, "id"), *key, raw, ""});
                   });
    for (auto& e : existing_) e.has_replies = answered.count(e.id) != 0;
  }

  void sticky_summary(const std::vector<std::string>& unplaced) {
    std::string body =
        content_json(plain_markdown(summary_body(result_, unplaced, pr_.run_url, k_max_comment_chars)));
    if (!summary_id_.empty()) {
      RestReply reply = api_.send("PUT", comments_ + "/" + summary_id_, body);
      if (reply.status != 404) {
        require_ok(reply, "updating the summary comment");
        summary_.summary_updated = true;
        return;
      }
    }
    require_ok(api_.send("POST", comments_, body), "posting the summary comment");
    summary_.summary_created = true;
  }

  void inline_comments(std::vector<InlineComment> desired) {
    for (auto& c : desired) c.body = plain_markdown(c.body);
    ReviewPlan plan = plan_review(desired, existing_, k_max_new_comments);
    summary_.kept = plan.kept;
    summary_.over_limit = plan.over_limit;
    for (const auto& c : plan.to_post) post(c);
    for (const auto& [comment, body] : plan.to_update) {
      RestReply reply = api_.send("PUT", comments_ + "/" + comment.id, content_json(body));
      if (reply.status != 404) require_ok(reply, "updating an inline comment");
    }
    for (const auto& stale : plan.stale) retire(stale);
  }

  void post(const InlineComment& c) {
    JsonBody json;
    json.start_object().start_object("content").member("raw", c.body).end_object();
    json.start_object("inline").member("path", c.path).member("to", c.line).end_object();
    json.end_object();
    RestReply reply = api_.send("POST", comments_, json.str());
    if (reply.status == 400 || reply.status == 422) {
      ++summary_.failed;
      util::warn("Bitbucket did not accept an inline comment on " + c.path + ":" + std::to_string(c.line) + " (" +
                 reply.failure + ")");
      return;
    }
    require_ok(reply, "posting an inline comment");
    ++summary_.posted;
  }

  // A comment whose finding is gone: deleted, unless someone answered it; then it stays and
  // says it is resolved.
  void retire(const ExistingComment& stale) {
    std::string path = comments_ + "/" + stale.id;
    if (stale.has_replies) {
      std::string body = plain_markdown(resolved_comment(restore_markers(stale.body), pr_.head_sha));
      RestReply reply = api_.send("PUT", path, content_json(body));
      if (reply.status == 404) return;
      require_ok(reply, "marking a resolved inline comment");
      ++summary_.resolved;
      return;
    }
    RestReply reply = api_.send("DELETE", path);
    if (reply.status == 404) return;
    require_ok(reply, "removing a stale inline comment");
    ++summary_.removed;
  }

  InlineLevel level_;
  const CheckResult& result_;
  const ChangeSet& changes_;
  const BitbucketPullRequest& pr_;
  RestClient& api_;
  std::string comments_;
  Identity identity_;
  std::string summary_id_;
  std::vector<ExistingComment> existing_;
  PublishSummary summary_;
};

} // namespace

std::vector<std::pair<std::string, std::string>> bitbucket_headers(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Accept", "application/json"}};
}

PublishSummary publish_to_bitbucket(const CheckResult& result, const ChangeSet& changes,
                                    const BitbucketPullRequest& pr, CommentMode mode, RestClient& api,
                                    InlineLevel level) {
  return BitbucketPublisher(result, changes, pr, api, level).run(mode);
}

} // namespace codegate::platform
