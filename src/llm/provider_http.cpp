#include "llm/provider_http.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "util/json.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate::llm {
namespace {

constexpr std::size_t k_max_error_chars = 300;
constexpr std::size_t k_min_redacted_length = 8;
const std::string k_mask = "[REDACTED]";

std::string shorten(std::string text) {
  text = util::to_valid_utf8(text);
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (text.size() > k_max_error_chars) text = text.substr(0, k_max_error_chars) + "...";
  return text;
}

} // namespace

std::string join_url(const std::string& base, const std::string& path) {
  std::string head = base;
  std::string query;
  auto q = head.find('?');
  if (q != std::string::npos) {
    query = head.substr(q);
    head.resize(q);
  }
  while (!head.empty() && head.back() == '/') head.pop_back();
  return head + path + query;
}

std::string mask_header(std::string value, const std::string& secret) {
  if (secret.empty()) return value;
  for (auto pos = value.find(secret); pos != std::string::npos; pos = value.find(secret, pos + k_mask.size())) {
    value.replace(pos, secret.size(), k_mask);
  }
  return value;
}

std::string redact_secret(std::string text, const std::string& secret) {
  if (secret.size() < k_min_redacted_length || text.size() < k_min_redacted_length) return text;
  // Every window of the text that is a k_min_redacted_length-long piece of the secret is covered;
  // the union of the windows covers every longer piece whole, wherever the server cut the key.
  std::unordered_set<std::string_view> pieces;
  for (std::size_t i = 0; i + k_min_redacted_length <= secret.size(); ++i)
    pieces.insert(std::string_view(secret).substr(i, k_min_redacted_length));
  std::vector<bool> covered(text.size(), false);
  bool any = false;
  for (std::size_t i = 0; i + k_min_redacted_length <= text.size(); ++i) {
    if (pieces.count(std::string_view(text).substr(i, k_min_redacted_length)) == 0) continue;
    std::fill_n(covered.begin() + static_cast<std::ptrdiff_t>(i), k_min_redacted_length, true);
    any = true;
  }
  if (!any) return text;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (!covered[i]) {
      out += text[i++];
      continue;
    }
    out += k_mask;
    while (i < text.size() && covered[i]) ++i;
  }
  return out;
}

std::string provider_error_message(const std::string& body) {
  rapidjson::Document doc = util::parse_json(body);
  if (!doc.HasParseError() && doc.IsObject()) {
    auto error = doc.FindMember("error");
    if (error != doc.MemberEnd()) {
      if (error->value.IsString()) return shorten(error->value.GetString());
      if (error->value.IsObject()) {
        auto message = error->value.FindMember("message");
        if (message != error->value.MemberEnd() && message->value.IsString())
          return shorten(message->value.GetString());
      }
    }
    auto message = doc.FindMember("message");
    if (message != doc.MemberEnd() && message->value.IsString()) return shorten(message->value.GetString());
  }
  return shorten(std::string(util::trim(body)));
}

long estimate_tokens(std::string_view text) { return static_cast<long>((text.size() + 3) / 4); }

long estimate_tokens(const ChatRequest& request) {
  std::size_t chars = request.system.size();
  for (const auto& message : request.messages) chars += message.content.size();
  return static_cast<long>((chars + 3) / 4);
}

void estimate_missing_usage(ChatResponse& response, const ChatRequest& request) {
  if (response.input_tokens <= 0) response.input_tokens = estimate_tokens(request);
  if (response.output_tokens <= 0) response.output_tokens = estimate_tokens(response.text);
}

PostedJson post_json(http::HttpClient& http, const ProviderSettings& settings, const std::string& url,
                     std::vector<std::pair<std::string, std::string>> headers, std::string body) {
  http::HttpRequest request;
  request.url = url;
  request.headers = std::move(headers);
  request.body = std::move(body);
  request.timeout_seconds = settings.timeout_seconds;

  PostedJson posted;
  WireExchange& wire = posted.wire;
  wire.url = url;
  for (const auto& [name, value] : request.headers) {
    wire.request_headers.emplace_back(name, mask_header(value, settings.api_key));
  }
  wire.request_body = redact_secret(request.body, settings.api_key);

  // Count attempts through the hook that fires before every retry.
  http::RetryHooks hooks = settings.hooks;
  int retries = 0;
  auto user_on_retry = hooks.on_retry;
  hooks.on_retry = [&](const std::string& note) {
    ++retries;
    if (user_on_retry)
      user_on_retry(note);
    else
      util::progress("LLM request " + note);
  };
  auto start = std::chrono::steady_clock::now();
  http::HttpResponse response = http::send_with_retries(http, request, settings.retry, hooks);
  wire.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  wire.attempts = retries + 1;
  wire.status = response.status;
  wire.response_body = redact_secret(response.body, settings.api_key);

  if (response.error == http::TransportError::none && response.status >= 200 && response.status < 300) {
    posted.response = std::move(response);
    return posted;
  }

  std::string where = "the LLM service at " + url;
  std::string what = http::describe_failure(response, settings.timeout_seconds);
  if (response.error == http::TransportError::none) {
    std::string detail = redact_secret(provider_error_message(response.body), settings.api_key);
    if (!detail.empty()) what += ": " + detail;
  }
  if (response.error == http::TransportError::none && (response.status == 401 || response.status == 403)) {
    if (settings.api_key.empty()) {
      throw LlmError(LlmErrorKind::auth, where + " requires an API key (" + what + "); set " + settings.key_env, wire);
    }
    throw LlmError(LlmErrorKind::auth, where + " rejected the API key from " + settings.key_env + " (" + what + ")",
                   wire);
  }
  std::string attempts = wire.attempts > 1 ? " after " + std::to_string(wire.attempts) + " attempts" : "";
  // An oversized answer is the service misbehaving, not a refusal of this request.
  if (http::is_retryable(response) || response.error == http::TransportError::too_large) {
    throw LlmError(LlmErrorKind::unavailable, where + " failed" + attempts + ": " + what, wire);
  }
  std::string hint;
  if (response.error == http::TransportError::none && response.status == 404)
    hint = "; check llm.base_url and llm.model";
  throw LlmError(LlmErrorKind::rejected, where + " refused the request (" + what + ")" + hint, wire);
}

namespace {

long int_member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return 0;
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsInt64() ? static_cast<long>(it->value.GetInt64()) : 0;
}

} // namespace

void write_messages(util::JsonWriter& json, const std::string& system, const std::vector<ChatMessage>& messages) {
  json.start_array("messages");
  if (!system.empty()) json.start_object().member("role", "system").member("content", system).end_object();
  for (const auto& message : messages)
    json.start_object().member("role", message.role).member("content", message.content).end_object();
  json.end_array();
}

ChatResponse read_answer(PostedJson& posted, const ChatRequest& request, const std::string& url,
                         const std::string& configured_model, const AnswerFormat& format) {
  ChatResponse out;
  out.wire = std::move(posted.wire);
  rapidjson::Document doc = util::parse_json(posted.response.body);
  auto unreadable = [&](const std::string& why) {
    return LlmError(LlmErrorKind::unavailable, "the LLM service at " + url + " sent an unreadable answer (" + why + ")",
                    out.wire);
  };
  if (doc.HasParseError() || !doc.IsObject()) throw unreadable("not a JSON object");
  if (std::string why = format.read_text(doc, out); !why.empty()) throw unreadable(why);
  auto model = doc.FindMember("model");
  out.model = model != doc.MemberEnd() && model->value.IsString() ? model->value.GetString() : configured_model;
  auto usage = doc.FindMember("usage");
  if (usage != doc.MemberEnd()) {
    out.input_tokens = int_member(usage->value, format.input_tokens);
    out.output_tokens = int_member(usage->value, format.output_tokens);
  }
  estimate_missing_usage(out, request);
  return out;
}

} // namespace codegate::llm
