#pragma once
// What the OpenAI and Anthropic clients share: URL building, redaction, and one JSON POST with
// retries that turns every failure into an LlmError worded for the user.

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "llm/client.h"
#include "util/json_writer.h"

namespace codegate::llm {

// Appends `path` to a base URL, keeping the base's query string (Azure's "?api-version=...").
std::string join_url(const std::string& base, const std::string& path);

// `text` with every piece of `secret` 8 characters or longer replaced by "[REDACTED]": a server
// that echoes the key in part ("upstream error for key SECRET-TOKEN-123" for the key
// sk-SECRET-TOKEN-123) must not get it into a report either. Secrets shorter than 8 characters
// are left alone in free text (no real API key is that short, and masking every "k" would ruin
// the logs); header values are masked whatever the length (mask_header).
std::string redact_secret(std::string text, const std::string& secret);
std::string mask_header(std::string value, const std::string& secret);

// The error text a provider put in its JSON body ({"error": {"message": ...}} for both), or a
// short excerpt of a body that is not such JSON.
std::string provider_error_message(const std::string& body);

// A rough token count (4 characters a token) for budgets and for servers that report no usage.
long estimate_tokens(std::string_view text);
// The same for everything a request sends: its system prompt and messages.
long estimate_tokens(const ChatRequest& request);

// Fills token counts a server did not report with estimates, so budgets still count.
void estimate_missing_usage(ChatResponse& response, const ChatRequest& request);

// A successful POST and its redacted record.
struct PostedJson {
  http::HttpResponse response;
  WireExchange wire;
};

// POSTs `body` to `url` with retries per settings. Returns only a 2xx response; anything else is
// thrown as LlmError (auth for 401/403, unavailable when retries ran out, rejected otherwise).
PostedJson post_json(http::HttpClient& http, const ProviderSettings& settings, const std::string& url,
                     std::vector<std::pair<std::string, std::string>> headers, std::string body);

// The request's "messages": [{"role", "content"}...], led by {"role": "system"} when `system`
// is not empty (Chat Completions; the Messages API sends the system prompt apart).
void write_messages(util::JsonWriter& json, const std::string& system, const std::vector<ChatMessage>& messages);

// Where a provider's answer keeps what the client needs. `read_text` fills the text and whether
// the answer was cut off from the parsed body, and returns why the body is unreadable ("no
// choices") or nothing; the usage members are read from the body's `usage` object.
struct AnswerFormat {
  std::string (*read_text)(const rapidjson::Value& body, ChatResponse& out);
  const char* input_tokens;  // in `usage`
  const char* output_tokens; // in `usage`
};

// The ChatResponse of a 2xx answer: its text as `format` finds it, the model that answered (the
// configured one when the body names none), the token usage (estimated where the server reports
// none), the redacted wire record. A body that is not such JSON is thrown as LlmError
// (unavailable), naming `url`.
ChatResponse read_answer(PostedJson& posted, const ChatRequest& request, const std::string& url,
                         const std::string& configured_model, const AnswerFormat& format);

} // namespace codegate::llm
