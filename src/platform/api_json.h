#pragma once
// JSON helpers the GitHub and GitLab publishers share: compact request bodies, members of
// response objects, and reading every page of a list.

#include <functional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "platform/rest_client.h"
#include "util/json_writer.h"

namespace codegate::platform {

// Request bodies are compact JSON, written through the one JSON writer.
class JsonBody : public util::JsonWriter {
public:
  JsonBody() : util::JsonWriter(util::JsonStyle::compact) {}
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

// The same for APIs that page in the body: Bitbucket's {"values": [...], "next": "<url>"} (and
// Azure DevOps' {"value": [...]}, which lists a pull request's threads in one page): the objects
// of the array member `items`, following the string member `next` while there is one.
void for_each_value(RestClient& api, const std::string& first_page, const std::string& what,
                    const std::function<void(const rapidjson::Value&)>& each, const char* items = "values",
                    int max_pages = 50);

} // namespace codegate::platform
