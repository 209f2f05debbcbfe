#pragma once
// The LLM as the rest of codegate sees it: a chat request in, the model's text out, whatever the
// provider. The intent check and the refine loop both talk to an LlmClient.

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "http/http_client.h"
#include "http/retry.h"
#include "util/environment.h"

namespace codegate::llm {

// One turn of a conversation; role is "user" or "assistant" (the system prompt is separate
// because the providers place it differently).
struct ChatMessage {
  std::string role;
  std::string content;
};

// A provider-neutral chat completion request.
struct ChatRequest {
  std::string system;
  std::vector<ChatMessage> messages;
  int max_tokens = 1024;
  double temperature = 0;
  // Sampling seed, sent where the provider takes one (OpenAI's `seed`; Anthropic has none).
  std::optional<long> seed;
};

// What went over the wire for one chat call, with every secret already redacted; exchange logs
// record it.
struct WireExchange {
  std::string url;
  std::vector<std::pair<std::string, std::string>> request_headers;
  std::string request_body;
  long status = 0;
  std::string response_body;
  int attempts = 0;   // HTTP requests sent, retries included
  double seconds = 0; // wall time of all attempts and waits
};

// The model's answer to a ChatRequest.
struct ChatResponse {
  std::string text;
  long input_tokens = 0; // as the provider counted them; estimated when it did not say
  long output_tokens = 0;
  bool truncated = false; // the answer stopped at max_tokens
  std::string model;      // the model that answered, as the provider names it
  WireExchange wire;
};

// Why a chat call failed for good.
enum class LlmErrorKind {
  auth,        // 401/403: the key is missing, wrong or lacks access; retrying cannot help
  unavailable, // timeouts, broken connections, 429 and 5xx that outlasted the retries
  rejected,    // any other refusal (400 context too long, 404 unknown model) or an unreadable answer
};

// A failed chat call; the message names the endpoint and, for auth, the environment variable
// the key came from, never the key.
class LlmError : public std::runtime_error {
public:
  LlmError(LlmErrorKind kind, const std::string& message, WireExchange wire = {})
      : std::runtime_error(message), kind_(kind), wire_(std::move(wire)) {}
  LlmErrorKind kind() const { return kind_; }
  const WireExchange& wire() const { return wire_; }

private:
  LlmErrorKind kind_;
  WireExchange wire_;
};

// A provider client. chat() is safe to call from several threads at once.
class LlmClient {
public:
  virtual ~LlmClient() = default;
  // Throws LlmError.
  virtual ChatResponse chat(const ChatRequest& request) = 0;
  virtual std::string provider() const = 0; // "openai", "anthropic"
  virtual std::string model() const = 0;
  virtual std::string endpoint() const = 0; // the URL requests go to
  // Replaces every occurrence of the client's secret in `text`; for anything written to disk.
  virtual std::string redact(std::string text) const = 0;
};

// The environment is read through util::EnvLookup: main's (ci::CiContext::env), or a test's map.
using util::EnvLookup;

// What a provider client needs, resolved from LlmConfig and the environment.
struct ProviderSettings {
  std::string model;
  std::string base_url;
  std::string api_key; // empty: send no key (a local server)
  std::string key_env; // the variable the key came from (or should come from), for messages
  double timeout_seconds = 60;
  http::RetryPolicy retry;
  http::RetryHooks hooks;
};

std::unique_ptr<LlmClient> make_openai_client(ProviderSettings settings, std::shared_ptr<http::HttpClient> http);
std::unique_ptr<LlmClient> make_anthropic_client(ProviderSettings settings, std::shared_ptr<http::HttpClient> http);

// The outcome of make_llm_client: a client, or why there is none (a one-line reason for reports).
struct LlmClientSetup {
  std::unique_ptr<LlmClient> client;
  std::string reason;
  std::vector<std::string> warnings; // worth a line on stderr ("llm.api_key_env names X, which is unset")
};

// The key comes from llm.api_key_env when set, else CODEGATE_LLM_API_KEY, else OPENAI_API_KEY or
// ANTHROPIC_API_KEY for the provider. No key and no base_url: no client. A base_url without a key
// is a local server that needs none. `http` defaults to libcurl.
LlmClientSetup make_llm_client(const LlmConfig& config, const EnvLookup& env,
                               std::shared_ptr<http::HttpClient> http = nullptr, http::RetryHooks hooks = {});

// The run's client: config.llm over libcurl, with responses bounded by config.http.
LlmClientSetup make_llm_client(const Config& config, const EnvLookup& env);

// The model a provider uses when llm.model is empty.
std::string default_model(LlmProvider provider);

} // namespace codegate::llm
