#include "platform/api_json.h"

#include "platform/review_plan.h"
#include "util/json.h"
#include "util/strings.h"

namespace codegate::platform {

std::string json_string(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return "";
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::string json_id(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return "";
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return "";
  if (it->value.IsUint64()) return std::to_string(it->value.GetUint64());
  if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
  if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
  return "";
}

bool json_bool(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return false;
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

const rapidjson::Value* json_object(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsObject()) return nullptr;
  return &it->value;
}

rapidjson::Document parse_reply(const RestReply& reply, const std::string& what) {
  rapidjson::Document doc = util::parse_json(reply.body);
  if (doc.HasParseError()) throw PublishFailure(what + ": the response is not JSON", reply.status);
  return doc;
}

void require_ok(const RestReply& reply, const std::string& what) {
  if (!reply.ok()) throw PublishFailure(what + " failed: " + reply.failure, reply.status);
}

namespace {

// Walks a paginated list: `page` reads one response into its items and the next page's URL.
void for_each_page(RestClient& api, const std::string& first_page, const std::string& what,
                   const std::function<void(const rapidjson::Value&)>& each, int max_pages,
                   const std::function<const rapidjson::Value*(const rapidjson::Document&, const RestReply&,
                                                               std::string& next)>& page) {
  std::string url = first_page;
  for (int i = 0; !url.empty() && i < max_pages; ++i) {
    RestReply reply = api.get(url);
    require_ok(reply, what);
    rapidjson::Document doc = parse_reply(reply, what);
    url.clear();
    const rapidjson::Value* items = page(doc, reply, url);
    for (const auto& item : items->GetArray())
      if (item.IsObject()) each(item);
  }
}

} // namespace

void for_each_item(RestClient& api, const std::string& first_page, const std::string& what,
                   const std::function<void(const rapidjson::Value&)>& each, int max_pages) {
  for_each_page(api, first_page, what, each, max_pages,
                [&](const rapidjson::Document& doc, const RestReply& reply, std::string& next) {
                  if (!doc.IsArray()) throw PublishFailure(what + ": the response is not a JSON list", reply.status);
                  next = reply.next_url;
                  return static_cast<const rapidjson::Value*>(&doc);
                });
}

void for_each_value(RestClient& api, const std::string& first_page, const std::string& what,
                    const std::function<void(const rapidjson::Value&)>& each, const char* items, int max_pages) {
  for_each_page(api, first_page, what, each, max_pages,
                [&](const rapidjson::Document& doc, const RestReply& reply, std::string& next) {
                  // MemberEnd() is only defined on an object: test that first.
                  if (!doc.IsObject() || !doc.HasMember(items) || !doc[items].IsArray())
                    throw PublishFailure(what + ": the response has no list of " + items, reply.status);
                  next = json_string(doc, "next");
                  return &doc[items];
                });
}

} // namespace codegate::platform
