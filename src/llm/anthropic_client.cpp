// The Anthropic Messages API (POST {base}/v1/messages).

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "llm/client.h"
#include "llm/provider_http.h"
#include "util/json.h"
#include "util/strings.h"

namespace codegate::llm {
namespace {

constexpr const char* k_default_base_url = "https://api.anthropic.com";
constexpr const char* k_api_version = "2023-06-01";

long int_member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return 0;
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsInt64() ? static_cast<long>(it->value.GetInt64()) : 0;
}

class AnthropicClient : public LlmClient {
public:
  AnthropicClient(ProviderSettings settings, std::shared_ptr<http::HttpClient> http)
      : settings_(std::move(settings)), http_(std::move(http)) {
    if (settings_.base_url.empty()) settings_.base_url = k_default_base_url;
    // A base_url copied from an OpenAI-style configuration often ends in /v1 already.
    std::string base = settings_.base_url.substr(0, settings_.base_url.find('?'));
    while (!base.empty() && base.back() == '/') base.pop_back();
    bool has_v1 = base.size() >= 3 && base.compare(base.size() - 3, 3, "/v1") == 0;
    url_ = join_url(settings_.base_url, has_v1 ? "/messages" : "/v1/messages");
  }

  ChatResponse chat(const ChatRequest& request) override {
    std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/json"},
                                                                {"anthropic-version", k_api_version}};
    if (!settings_.api_key.empty()) headers.emplace_back("x-api-key", settings_.api_key);
    PostedJson posted = post_json(*http_, settings_, url_, std::move(headers), request_body(request));
    return parse(posted, request);
  }

  std::string provider() const override { return "anthropic"; }
  std::string model() const override { return settings_.model; }
  std::string endpoint() const override { return url_; }
  std::string redact(std::string text) const override { return redact_secret(std::move(text), settings_.api_key); }

private:
  std::string request_body(const ChatRequest& request) const {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("model");
    w.String(settings_.model);
    w.Key("max_tokens");
    w.Int(request.max_tokens);
    w.Key("temperature");
    w.Double(request.temperature);
    if (!request.system.empty()) {
      w.Key("system");
      w.String(util::to_valid_utf8(request.system));
    }
    w.Key("messages");
    w.StartArray();
    for (const auto& message : request.messages) {
      w.StartObject();
      w.Key("role");
      w.String(message.role);
      w.Key("content");
      w.String(util::to_valid_utf8(message.content));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return buffer.GetString();
  }

  ChatResponse parse(PostedJson& posted, const ChatRequest& request) const {
    ChatResponse out;
    out.wire = std::move(posted.wire);
    const std::string& body = posted.response.body;
    rapidjson::Document doc = util::parse_json(body);
    auto unreadable = [&](const std::string& why) {
      return LlmError(LlmErrorKind::unavailable,
                      "the LLM service at " + url_ + " sent an unreadable answer (" + why + ")", out.wire);
    };
    if (doc.HasParseError() || !doc.IsObject()) throw unreadable("not a JSON object");
    auto content = doc.FindMember("content");
    if (content == doc.MemberEnd() || !content->value.IsArray()) throw unreadable("no content");
    for (const auto& block : content->value.GetArray()) {
      if (!block.IsObject()) continue;
      auto type = block.FindMember("type");
      auto text = block.FindMember("text");
      if (type != block.MemberEnd() && type->value.IsString() && std::string(type->value.GetString()) == "text" &&
          text != block.MemberEnd() && text->value.IsString()) {
        out.text += text->value.GetString();
      }
    }
    auto stop = doc.FindMember("stop_reason");
    out.truncated =
        stop != doc.MemberEnd() && stop->value.IsString() && std::string(stop->value.GetString()) == "max_tokens";
    auto model = doc.FindMember("model");
    out.model = model != doc.MemberEnd() && model->value.IsString() ? model->value.GetString() : settings_.model;
    auto usage = doc.FindMember("usage");
    if (usage != doc.MemberEnd()) {
      out.input_tokens = int_member(usage->value, "input_tokens");
      out.output_tokens = int_member(usage->value, "output_tokens");
    }
    estimate_missing_usage(out, request);
    return out;
  }

  ProviderSettings settings_;
  std::shared_ptr<http::HttpClient> http_;
  std::string url_;
};

} // namespace

std::unique_ptr<LlmClient> make_anthropic_client(ProviderSettings settings, std::shared_ptr<http::HttpClient> http) {
  return std::make_unique<AnthropicClient>(std::move(settings), std::move(http));
}

} // namespace codegate::llm
