#include "platform/github_publisher.h"

#include <map>
#include <set>

#include "platform/api_json.h"
#include "util/log.h"

namespace codegate::platform {
namespace {

// New inline comments per run; the summary lists every finding anyway.
constexpr int k_max_new_comments = 50;
// Inline comments per review request: large reviews time out or hit GitHub's secondary limits
// on content creation, so they go in batches.
constexpr std::size_t k_review_batch = 30;
// GitHub refuses comment bodies over 65536 characters.
constexpr std::size_t k_max_comment_chars = 65000;

// Whose comments this run may edit, delete or count as its own: the token's user when GET /user
// says (a personal or app token), else any bot (the Actions token), never another person's
// comment that merely contains codegate's marker.
struct Identity {
  std::string login;

  bool owns(const rapidjson::Value& comment) const {
    const rapidjson::Value* user = json_object(comment, "user");
    if (user == nullptr) return false;
    if (!login.empty()) return json_string(*user, "login") == login;
    return json_string(*user, "type") == "Bot";
  }
};

Identity whoami(RestClient& api) {
  RestReply reply = api.get("/user");
  Identity identity;
  if (reply.ok()) {
    auto doc = parse_reply(reply, "GET /user");
    identity.login = json_string(doc, "login");
  }
  // Anything else (the Actions token gets 403 here) leaves "any bot".
  return identity;
}

std::string comment_json(const InlineComment& c) {
  JsonBody json;
  json.start_object().member("path", c.path).member("body", c.body).member("line", c.line).member("side", "RIGHT");
  if (c.start_line < c.line) json.member("start_line", c.start_line).member("start_side", "RIGHT");
  json.end_object();
  return json.str();
}

std::string review_json(const std::string& head_sha, const std::string& body,
                        const std::vector<const InlineComment*>& comments) {
  JsonBody json;
  json.start_object().member("commit_id", head_sha).member("event", "COMMENT").member("body", body);
  json.start_array("comments");
  for (const InlineComment* c : comments) json.raw(comment_json(*c));
  json.end_array().end_object();
  return json.str();
}

std::string review_body(std::size_t findings, std::size_t suggestions) {
  std::string body = "**codegate** ";
  if (findings > 0) body += "comments on " + std::to_string(findings) + " finding" + (findings == 1 ? "" : "s");
  if (findings > 0 && suggestions > 0) body += " and ";
  if (suggestions > 0) body += "proposes " + std::to_string(suggestions) + " fix" + (suggestions == 1 ? "" : "es");
  return body + " on the changed lines; the summary comment has the whole result.";
}

class GithubPublisher {
public:
  GithubPublisher(const CheckResult& result, const ChangeSet& changes, const GithubPullRequest& pr, RestClient& api,
                  InlineLevel level)
      : level_(level),
        result_(result),
        changes_(changes),
        pr_(pr),
        api_(api),
        base_("/repos/" + pr.repository),
        number_(std::to_string(pr.number)) {}

  PublishSummary run(CommentMode mode) {
    identity_ = whoami(api_);
    DesiredComments desired = desired_comments(result_, changes_, DiffLines::hunk, SuggestionSyntax::github, level_);
    if (wants_summary(mode)) sticky_summary(desired.unplaced_fix_paths);
    if (wants_review(mode)) review(desired.comments);
    return summary_;
  }

private:
  void sticky_summary(const std::vector<std::string>& unplaced) {
    std::string list = base_ + "/issues/" + number_ + "/comments";
    std::string existing;
    for_each_item(api_, list + "?per_page=100", "listing the pull request's comments", [&](const rapidjson::Value& c) {
      if (existing.empty() && is_summary(json_string(c, "body")) && identity_.owns(c)) existing = json_id(c, "id");
    });
    std::string body = JsonBody()
                           .start_object()
                           .member("body", summary_body(result_, unplaced, pr_.run_url, k_max_comment_chars))
                           .end_object()
                           .str();
    RestReply reply;
    if (!existing.empty()) {
      reply = api_.send("PATCH", base_ + "/issues/comments/" + existing, body);
      // Deleted between the listing and the edit: post a new one.
      if (reply.status == 404)
        existing.clear();
      else
        require_ok(reply, "updating the summary comment");
    }
    if (existing.empty()) {
      reply = api_.send("POST", list, body);
      require_ok(reply, "posting the summary comment");
      summary_.summary_created = true;
    } else {
      summary_.summary_updated = true;
    }
    // The comment now is ours: its author is the identity that may manage the inline comments.
    if (identity_.login.empty()) {
      auto doc = parse_reply(reply, "the summary comment");
      if (const rapidjson::Value* user = json_object(doc, "user")) identity_.login = json_string(*user, "login");
    }
  }

  void review(const std::vector<InlineComment>& desired) {
    std::vector<ExistingComment> existing;
    std::set<std::string> answered;
    for_each_item(api_, base_ + "/pulls/" + number_ + "/comments?per_page=100", "listing the review comments",
                  [&](const rapidjson::Value& c) {
                    std::string reply_to = json_id(c, "in_reply_to_id");
                    if (!reply_to.empty()) answered.insert(reply_to);
                    if (!identity_.owns(c)) return;
                    std::string body = json_string(c, "body");
                    if (auto key = comment_key(body)) existing.push_back({json_id(c, "id"), *key, body, ""});
                  });
    for (auto& e : existing) e.has_replies = answered.count(e.id) != 0;

    ReviewPlan plan = plan_review(desired, existing, k_max_new_comments);
    summary_.kept = plan.kept;
    summary_.over_limit = plan.over_limit;
    post_reviews(plan.to_post);
    for (const auto& [comment, body] : plan.to_update) {
      RestReply reply = api_.send("PATCH", base_ + "/pulls/comments/" + comment.id,
                                  JsonBody().start_object().member("body", body).end_object().str());
      if (reply.status != 404) require_ok(reply, "updating a review comment");
    }
    for (const auto& stale : plan.stale) retire(stale);
  }

  void post_reviews(const std::vector<InlineComment>& comments) {
    for (std::size_t start = 0; start < comments.size(); start += k_review_batch) {
      std::vector<const InlineComment*> batch;
      for (std::size_t i = start; i < comments.size() && i < start + k_review_batch; ++i) batch.push_back(&comments[i]);
      if (post_review(batch)) {
        summary_.posted += static_cast<int>(batch.size());
        continue;
      }
      // GitHub refuses the whole review when one line is not in its diff (its hunks can differ
      // from libgit2's); posting one by one keeps every comment it accepts.
      for (const InlineComment* c : batch) {
        if (post_review({c})) {
          ++summary_.posted;
        } else {
          ++summary_.failed;
          util::warn("GitHub did not accept a review comment on " + c->path + ":" + std::to_string(c->line) +
                     " (not a line of the pull request's diff)");
        }
      }
    }
  }

  // True when posted; false when GitHub says the comments do not fit the diff (422).
  bool post_review(const std::vector<const InlineComment*>& batch) {
    std::size_t suggestions = 0;
    for (const auto* c : batch) suggestions += c->key.rfind("suggestion:", 0) == 0 ? 1 : 0;
    RestReply reply = api_.send("POST", base_ + "/pulls/" + number_ + "/reviews",
                                review_json(pr_.head_sha, review_body(batch.size() - suggestions, suggestions), batch));
    if (reply.status == 422) return false;
    require_ok(reply, "posting the review");
    return true;
  }

  // A comment whose finding is gone: deleted, unless someone answered it; then the thread stays
  // and says it is resolved.
  void retire(const ExistingComment& stale) {
    std::string path = base_ + "/pulls/comments/" + stale.id;
    if (stale.has_replies) {
      RestReply reply = api_.send(
          "PATCH", path,
          JsonBody().start_object().member("body", resolved_comment(stale.body, pr_.head_sha)).end_object().str());
      if (reply.status == 404) return;
      require_ok(reply, "marking a resolved review comment");
      ++summary_.resolved;
      return;
    }
    RestReply reply = api_.send("DELETE", path);
    if (reply.status == 404) return; // already gone
    require_ok(reply, "removing a stale review comment");
    ++summary_.removed;
  }

  InlineLevel level_;
  const CheckResult& result_;
  const ChangeSet& changes_;
  const GithubPullRequest& pr_;
  RestClient& api_;
  std::string base_;
  std::string number_;
  Identity identity_;
  PublishSummary summary_;
};

} // namespace

std::vector<std::pair<std::string, std::string>> github_headers(const std::string& token) {
  return {{"Authorization", "Bearer " + token},
          {"Accept", "application/vnd.github+json"},
          {"X-GitHub-Api-Version", "2022-11-28"}};
}

PublishSummary publish_to_github(const CheckResult& result, const ChangeSet& changes, const GithubPullRequest& pr,
                                 CommentMode mode, RestClient& api, InlineLevel level) {
  return GithubPublisher(result, changes, pr, api, level).run(mode);
}

} // namespace codegate::platform
