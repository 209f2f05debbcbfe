#pragma once
// JSON helpers the GitHub and GitLab publishers share: compact request bodies, members of
// response objects, and reading every page of a list.

#include <functional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "platform/rest_client.h"

namespace codegate::platform {

// A compact JSON writer for request bodies; every string is made valid UTF-8 first, since text
// from files and tools can hold any bytes and the APIs reject invalid JSON.
class JsonBody {
public:
  JsonBody() : writer_(buffer_) {}
  JsonBody& start_object() {
    writer_.StartObject();
    return *this;
  }
  JsonBody& end_object() {
    writer_.EndObject();
    return *this;
  }
  JsonBody& start_array(std::string_view name) {
    key(name);
    writer_.StartArray();
    return *this;
  }
  JsonBody& end_array() {
    writer_.EndArray();
    return *this;
  }
  JsonBody& key(std::string_view name);
  JsonBody& member(std::string_view name, std::string_view value);
  JsonBody& member(std::string_view name, const char* value) { return member(name, std::string_view(value)); }
  JsonBody& member(std::string_view name, int value) {
    key(name);
    writer_.Int(value);
    return *this;
  }
  JsonBody& member(std::string_view name, bool value) {
    key(name);
    writer_.Bool(value);
    return *this;
  }
  // An array element or member value that is already a JSON object.
  JsonBody& raw_object(std::string_view json) {
    writer_.RawValue(json.data(), json.size(), rapidjson::kObjectType);
    return *this;
  }
  std::string str() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }

private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

// A string member ("" when missing or not a string).
std::string json_string(const rapidjson::Value& object, const char* name);
// An id member as text: GitHub's 64-bit numbers and GitLab's hex discussion ids alike.
std::string json_id(const rapidjson::Value& object, const char* name);
// A boolean member (false when missing).
bool json_bool(const rapidjson::Value& object, const char* name);
// The object member `name`, or null when missing or not an object.
const rapidjson::Value* json_object(const rapidjson::Value& object, const char* name);

// Parses a response body; throws PublishFailure naming `what` when it is not JSON.
rapidjson::Document parse_reply(const RestReply& reply, const std::string& what);

// Throws PublishFailure("<what> failed: <failure>") unless the reply is a 2xx.
void require_ok(const RestReply& reply, const std::string& what);

// Calls `each` for every object of a paginated list, following the Link header's next page
// (GitHub and GitLab both send one); stops after `max_pages` pages.
void for_each_item(RestClient& api, const std::string& first_page, const std::string& what,
                   const std::function<void(const rapidjson::Value&)>& each, int max_pages = 50);

} // namespace codegate::platform
