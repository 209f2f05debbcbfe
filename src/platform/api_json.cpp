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

void for_each_item(RestClient& api, const std::string& first_page, const std::string& what,
                   const std::function<void(const rapidjson::Value&)>& each, int max_pages) {
  std::string url = first_page;
  for (int page = 0; !url.empty() && page < max_pages; ++page) {
    RestReply reply = api.get(url);
    require_ok(reply, what);
    rapidjson::Document doc = parse_reply(reply, what);
    if (!doc.IsArray()) throw PublishFailure(what + ": the response is not a JSON list", reply.status);
    for (const auto& item : doc.GetArray())
      if (item.IsObject()) each(item);
    url = reply.next_url;
  }
}

void for_each_value(RestClient& api, const std::string& first_page, const std::string& what,
                    const std::function<void(const rapidjson::Value&)>& each, const char* items, int max_pages) {
  std::string url = first_page;
  for (int page = 0; !url.empty() && page < max_pages; ++page) {
    RestReply reply = api.get(url);
    require_ok(reply, what);
    rapidjson::Document doc = parse_reply(reply, what);
    auto list = doc.IsObject() ? doc.FindMember(items) : doc.MemberEnd();
    if (!doc.IsObject() || list == doc.MemberEnd() || !list->value.IsArray())
      throw PublishFailure(what + ": the response has no list of " + items, reply.status);
    for (const auto& item : list->value.GetArray())
      if (item.IsObject()) each(item);
    url = json_string(doc, "next");
  }
}

} // namespace codegate::platform
