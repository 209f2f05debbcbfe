// OpenAI Chat Completions (POST {base}/chat/completions), which Azure OpenAI, Ollama, vLLM, the
// llama.cpp server, OpenRouter and most local servers also speak.

#include <rapidjson/document.h>

#include "llm/client.h"
#include "llm/provider_http.h"
#include "util/json.h"
#include "util/json_writer.h"
#include "util/strings.h"

namespace codegate::llm {
namespace {

constexpr const char* k_default_base_url = "https://api.openai.com/v1";

// OpenAI's reasoning models reject `max_tokens` and any temperature but the default.
bool is_reasoning_model(const std::string& model) {
  for (const char* prefix : {"o1", "o3", "o4", "gpt-5"}) {
    if (util::starts_with(model, prefix)) return true;
  }
  return false;
}

// Azure OpenAI takes the key in an `api-key` header; everyone else uses a bearer token.
bool is_azure(const std::string& url) {
  auto scheme = url.find("://");
  auto host_start = scheme == std::string::npos ? 0 : scheme + 3;
  auto host_end = url.find_first_of(":/?", host_start);
  std::string host = url.substr(host_start, host_end == std::string::npos ? std::string::npos : host_end - host_start);
  for (const char* suffix : {".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com"}) {
    std::string s(suffix);
    if (host.size() > s.size() && host.compare(host.size() - s.size(), s.size(), s) == 0) return true;
  }
  return false;
}

// `content` is a string in the Chat Completions format; some servers send an array of parts.
std::string content_text(const rapidjson::Value& content) {
  if (content.IsString()) return content.GetString();
  std::string text;
  if (content.IsArray()) {
    for (const auto& part : content.GetArray()) {
      if (!part.IsObject()) continue;
      auto t = part.FindMember("text");
      if (t != part.MemberEnd() && t->value.IsString()) text += t->value.GetString();
    }
  }
  return text;
}

// The first choice's message; `finish_reason: "length"` means the answer was cut off.
std::string read_choice(const rapidjson::Value& body, ChatResponse& out) {
  auto choices = body.FindMember("choices");
  if (choices == body.MemberEnd() || !choices->value.IsArray() || choices->value.Empty()) return "no choices";
  const auto& choice = choices->value[0];
  if (!choice.IsObject()) return "a choice that is not an object";
  auto message = choice.FindMember("message");
  if (message == choice.MemberEnd() || !message->value.IsObject()) return "a choice without a message";
  auto content = message->value.FindMember("content");
  if (content != message->value.MemberEnd()) out.text = content_text(content->value);
  if (out.text.empty()) {
    // A refusal arrives in its own field with a null content.
    auto refusal = message->value.FindMember("refusal");
    if (refusal != message->value.MemberEnd() && refusal->value.IsString()) out.text = refusal->value.GetString();
  }
  auto finish = choice.FindMember("finish_reason");
  out.truncated =
      finish != choice.MemberEnd() && finish->value.IsString() && std::string(finish->value.GetString()) == "length";
  return "";
}

constexpr AnswerFormat k_answer_format{read_choice, "prompt_tokens", "completion_tokens"};

class OpenAiClient : public LlmClient {
public:
  OpenAiClient(ProviderSettings settings, std::shared_ptr<http::HttpClient> http)
      : settings_(std::move(settings)), http_(std::move(http)) {
    if (settings_.base_url.empty()) settings_.base_url = k_default_base_url;
    url_ = join_url(settings_.base_url, "/chat/completions");
  }

  ChatResponse chat(const ChatRequest& request) override {
    std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/json"}};
    if (!settings_.api_key.empty()) {
      if (is_azure(url_))
        headers.emplace_back("api-key", settings_.api_key);
      else
        headers.emplace_back("Authorization", "Bearer " + settings_.api_key);
    }
    PostedJson posted = post_json(*http_, settings_, url_, std::move(headers), request_body(request));
    return read_answer(posted, request, url_, settings_.model, k_answer_format);
  }

  std::string provider() const override { return "openai"; }
  std::string model() const override { return settings_.model; }
  std::string endpoint() const override { return url_; }
  std::string redact(std::string text) const override { return redact_secret(std::move(text), settings_.api_key); }

private:
  std::string request_body(const ChatRequest& request) const {
    util::JsonWriter w(util::JsonStyle::compact);
    w.start_object().member("model", settings_.model);
    write_messages(w, request.system, request.messages); // Chat Completions: the system prompt is a message
    if (is_reasoning_model(settings_.model)) {
      w.member("max_completion_tokens", request.max_tokens);
    } else {
      w.member("max_tokens", request.max_tokens);
      w.member("temperature", request.temperature);
    }
    if (request.seed) w.member("seed", *request.seed);
    w.member("stream", false);
    w.end_object();
    return w.str();
  }

  ProviderSettings settings_;
  std::shared_ptr<http::HttpClient> http_;
  std::string url_;
};

} // namespace

std::unique_ptr<LlmClient> make_openai_client(ProviderSettings settings, std::shared_ptr<http::HttpClient> http) {
  return std::make_unique<OpenAiClient>(std::move(settings), std::move(http));
}

} // namespace codegate::llm
