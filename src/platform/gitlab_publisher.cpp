#include "platform/gitlab_publisher.h"

#include "platform/api_json.h"
#include "util/log.h"

namespace codegate::platform {
namespace {

constexpr int k_max_new_comments = 50;
// GitLab's note limit is 1,000,000 characters; the summary stays readable far below it.
constexpr std::size_t k_max_note_chars = 200000;

// Whose notes this run may edit or resolve: the token's user when GET /user says (an access
// token), else any author (a job token cannot ask, and can rarely write notes at all).
struct Identity {
  std::string username;
  bool owns(const rapidjson::Value& note) const {
    if (username.empty()) return true;
    const rapidjson::Value* author = json_object(note, "author");
    return author != nullptr && json_string(*author, "username") == username;
  }
};

struct DiffRefs {
  std::string base_sha, start_sha, head_sha;
};

class GitlabPublisher {
public:
  GitlabPublisher(const CheckResult& result, const ChangeSet& changes, const GitlabMergeRequest& mr, RestClient& api,
                  InlineLevel level)
      : level_(level),
        result_(result),
        changes_(changes),
        mr_(mr),
        api_(api),
        base_("/projects/" + mr.project + "/merge_requests/" + std::to_string(mr.iid)) {}

  PublishSummary run(CommentMode mode) {
    RestReply me = api_.get("/user");
    if (me.ok()) identity_.username = json_string(parse_reply(me, "GET /user"), "username");
    DesiredComments desired = desired_comments(result_, changes_, DiffLines::added, SuggestionSyntax::gitlab, level_);
    if (wants_summary(mode)) sticky_note(desired.unplaced_fix_paths);
    if (wants_review(mode)) discussions(desired.comments);
    return summary_;
  }

private:
  void sticky_note(const std::vector<std::string>& unplaced) {
    std::string existing;
    for_each_item(api_, base_ + "/notes?per_page=100&sort=asc&order_by=created_at", "listing the merge request's notes",
                  [&](const rapidjson::Value& note) {
                    if (existing.empty() && !json_bool(note, "system") && is_summary(json_string(note, "body")) &&
                        identity_.owns(note))
                      existing = json_id(note, "id");
                  });
    std::string body = JsonBody()
                           .start_object()
                           .member("body", summary_body(result_, unplaced, mr_.run_url, k_max_note_chars))
                           .end_object()
                           .str();
    RestReply reply;
    if (!existing.empty()) {
      reply = api_.send("PUT", base_ + "/notes/" + existing, body);
      if (reply.status == 404)
        existing.clear();
      else
        require_ok(reply, "updating the summary note");
    }
    if (existing.empty()) {
      reply = api_.send("POST", base_ + "/notes", body);
      require_ok(reply, "posting the summary note");
      summary_.summary_created = true;
    } else {
      summary_.summary_updated = true;
    }
    if (identity_.username.empty()) {
      auto doc = parse_reply(reply, "the summary note");
      if (const rapidjson::Value* author = json_object(doc, "author"))
        identity_.username = json_string(*author, "username");
    }
  }

  DiffRefs diff_refs() {
    RestReply reply = api_.get(base_);
    require_ok(reply, "reading the merge request");
    auto doc = parse_reply(reply, "the merge request");
    DiffRefs refs;
    if (const rapidjson::Value* d = json_object(doc, "diff_refs")) {
      refs.base_sha = json_string(*d, "base_sha");
      refs.start_sha = json_string(*d, "start_sha");
      refs.head_sha = json_string(*d, "head_sha");
    }
    return refs;
  }

  void discussions(const std::vector<InlineComment>& desired) {
    std::vector<ExistingComment> existing;
    for_each_item(api_, base_ + "/discussions?per_page=100", "listing the merge request's discussions",
                  [&](const rapidjson::Value& d) {
                    auto notes = d.FindMember("notes");
                    if (notes == d.MemberEnd() || !notes->value.IsArray() || notes->value.Empty()) return;
                    const rapidjson::Value& first = notes->value[0];
                    if (!identity_.owns(first)) return;
                    std::string body = json_string(first, "body");
                    auto key = comment_key(body);
                    if (!key) return;
                    ExistingComment e{json_id(d, "id"), *key, body, json_id(first, "id")};
                    e.has_replies = notes->value.Size() > 1;
                    e.resolved = json_bool(first, "resolved");
                    existing.push_back(std::move(e));
                  });
    ReviewPlan plan = plan_review(desired, existing, k_max_new_comments);
    summary_.kept = plan.kept;
    summary_.over_limit = plan.over_limit;

    if (!plan.to_post.empty()) {
      DiffRefs refs = diff_refs();
      if (refs.head_sha != mr_.head_sha) {
        // A newer push: positions computed for this commit would land on the wrong lines.
        util::progress("the merge request's head is now " + refs.head_sha.substr(0, 8) + ", not the analysed " +
                       mr_.head_sha.substr(0, 8) + "; leaving the line comments to the newer pipeline");
        plan.to_post.clear();
      }
      for (const auto& c : plan.to_post) post(c, refs);
    }
    for (const auto& [discussion, body] : plan.to_update) {
      RestReply reply = api_.send("PUT", base_ + "/discussions/" + discussion.id + "/notes/" + discussion.note_id,
                                  JsonBody().start_object().member("body", body).end_object().str());
      if (reply.status != 404) require_ok(reply, "updating a discussion");
    }
    for (const auto& stale : plan.stale) {
      RestReply reply = api_.send("PUT", base_ + "/discussions/" + stale.id,
                                  JsonBody().start_object().member("resolved", true).end_object().str());
      if (reply.status == 404) continue;
      require_ok(reply, "resolving a discussion");
      ++summary_.resolved;
    }
  }

  void post(const InlineComment& c, const DiffRefs& refs) {
    JsonBody json;
    json.start_object().member("body", c.body);
    json.key("position")
        .start_object()
        .member("position_type", "text")
        .member("base_sha", refs.base_sha)
        .member("start_sha", refs.start_sha)
        .member("head_sha", refs.head_sha)
        .member("old_path", c.old_path)
        .member("new_path", c.path)
        .member("new_line", c.line)
        .end_object();
    json.end_object();
    RestReply reply = api_.send("POST", base_ + "/discussions", json.str());
    if (reply.status == 400 || reply.status == 422) {
      // GitLab refuses a position that is not a line of its diff of the merge request.
      ++summary_.failed;
      util::warn("GitLab did not accept a discussion on " + c.path + ":" + std::to_string(c.line) + " (" +
                 reply.failure + ")");
      return;
    }
    require_ok(reply, "starting a discussion");
    ++summary_.posted;
  }

  InlineLevel level_;
  const CheckResult& result_;
  const ChangeSet& changes_;
  const GitlabMergeRequest& mr_;
  RestClient& api_;
  std::string base_;
  Identity identity_;
  PublishSummary summary_;
};

} // namespace

std::vector<std::pair<std::string, std::string>> gitlab_headers(const std::string& token, bool job_token) {
  return {{job_token ? "JOB-TOKEN" : "PRIVATE-TOKEN", token}, {"Accept", "application/json"}};
}

PublishSummary publish_to_gitlab(const CheckResult& result, const ChangeSet& changes, const GitlabMergeRequest& mr,
                                 CommentMode mode, RestClient& api, InlineLevel level) {
  return GitlabPublisher(result, changes, mr, api, level).run(mode);
}

} // namespace codegate::platform
