// The Anthropic Messages API (POST {base}/v1/messages).

#include <rapidjson/document.h>

#include "llm/client.h"
#include "llm/provider_http.h"
#include "util/json.h"
#include "util/json_writer.h"
#include "util/strings.h"

namespace codegate::llm {
namespace {

constexpr const char* k_default_base_url = "https://api.anthropic.com";
constexpr const char* k_api_version = "2023-06-01";

// The text blocks of `content`, joined; `stop_reason: "max_tokens"` means the answer was cut off.
std::string read_content(const rapidjson::Value& body, ChatResponse& out) {
  auto content = body.FindMember("content");
  if (content == body.MemberEnd() || !content->value.IsArray()) return "no content";
  for (const auto& block : content->value.GetArray()) {
    if (!block.IsObject()) continue;
    auto type = block.FindMember("type");
    auto text = block.FindMember("text");
    if (type != block.MemberEnd() && type->value.IsString() && std::string(type->value.GetString()) == "text" &&
        text != block.MemberEnd() && text->value.IsString()) {
      out.text += text->value.GetString();
    }
  }
  auto stop = body.FindMember("stop_reason");
  out.truncated =
      stop != body.MemberEnd() && stop->value.IsString() && std::string(stop->value.GetString()) == "max_tokens";
  return "";
}

constexpr AnswerFormat k_answer_format{read_content, "input_tokens", "output_tokens"};

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
    return read_answer(posted, request, url_, settings_.model, k_answer_format);
  }

  std::string provider() const override { return "anthropic"; }
  std::string model() const override { return settings_.model; }
  std::string endpoint() const override { return url_; }
  std::string redact(std::string text) const override { return redact_secret(std::move(text), settings_.api_key); }

private:
  std::string request_body(const ChatRequest& request) const {
    util::JsonWriter w(util::JsonStyle::compact);
    w.start_object().member("model", settings_.model);
    w.member("max_tokens", request.max_tokens).member("temperature", request.temperature);
    if (!request.system.empty()) w.member("system", request.system);
    write_messages(w, "", request.messages); // Messages: the system prompt is its own member
    w.end_object();
    return w.str();
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
