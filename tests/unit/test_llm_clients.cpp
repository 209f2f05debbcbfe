#include <doctest/doctest.h>

#include <rapidjson/document.h>

#include "llm/client.h"
#include "llm/provider_http.h"
#include "llm_fakes.h"

using namespace codegate::llm;
namespace http = codegate::http;
using codegate::LlmConfig;
using codegate::LlmProvider;
using codegate::testing::http_response;
using codegate::testing::ScriptedHttp;
using codegate::testing::transport_failure;

namespace {

const char* k_openai_answer = R"({"id":"x","model":"gpt-test-2024","choices":[{"index":0,"message":{"role":"assistant",
  "content":"{\"verdict\": \"consistent\"}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":42,"completion_tokens":7}})";

const char* k_anthropic_answer = R"({"id":"msg_1","type":"message","role":"assistant","model":"claude-test",
  "content":[{"type":"text","text":"{\"verdict\": "},{"type":"text","text":"\"unclear\"}"}],
  "stop_reason":"max_tokens","usage":{"input_tokens":50,"output_tokens":9}})";

ProviderSettings settings(std::string base_url = "") {
  ProviderSettings s;
  s.model = "test-model";
  s.base_url = std::move(base_url);
  s.api_key = "sk-secret-123";
  s.key_env = "CODEGATE_LLM_API_KEY";
  s.timeout_seconds = 7;
  s.retry.retries = 0;
  s.hooks.sleep = [](std::chrono::milliseconds) {};
  s.hooks.on_retry = [](const std::string&) {};
  return s;
}

ChatRequest request() {
  ChatRequest r;
  r.system = "be brief";
  r.messages = {{"user", "hello"}, {"assistant", "hi"}, {"user", "again"}};
  r.max_tokens = 256;
  r.temperature = 0.25;
  return r;
}

std::string header(const http::HttpRequest& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "<none>";
}

EnvLookup env_of(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

} // namespace

TEST_CASE("the OpenAI client posts Chat Completions with a bearer token and reads the answer") {
  auto http = std::make_shared<ScriptedHttp>();
  http->responses = {http_response(200, k_openai_answer)};
  auto client = make_openai_client(settings(), http);
  CHECK(client->endpoint() == "https://api.openai.com/v1/chat/completions");
  auto response = client->chat(request());
  REQUIRE(http->requests.size() == 1);
  const auto& sent = http->requests[0];
  CHECK(sent.url == "https://api.openai.com/v1/chat/completions");
  CHECK(header(sent, "Authorization") == "Bearer sk-secret-123");
  CHECK(header(sent, "Content-Type") == "application/json");
  CHECK(sent.timeout_seconds == 7);
  rapidjson::Document body;
  body.Parse(sent.body.c_str());
  REQUIRE(body.IsObject());
  CHECK(std::string(body["model"].GetString()) == "test-model");
  CHECK(body["max_tokens"].GetInt() == 256);
  CHECK(body["temperature"].GetDouble() == doctest::Approx(0.25));
  REQUIRE(body["messages"].Size() == 4);
  CHECK(std::string(body["messages"][0]["role"].GetString()) == "system");
  CHECK(std::string(body["messages"][0]["content"].GetString()) == "be brief");
  CHECK(std::string(body["messages"][2]["role"].GetString()) == "assistant");

  CHECK(response.text == R"({"verdict": "consistent"})");
  CHECK(response.input_tokens == 42);
  CHECK(response.output_tokens == 7);
  CHECK(response.model == "gpt-test-2024");
  CHECK_FALSE(response.truncated);
  CHECK(response.wire.attempts == 1);
  CHECK(response.wire.request_headers.size() == 2);
  CHECK(response.wire.request_headers[1].second == "Bearer [REDACTED]");
}

TEST_CASE("the OpenAI client keeps a base_url's path and query, and sends Azure its api-key header") {
  auto http = std::make_shared<ScriptedHttp>();
  http->responses = {http_response(200, k_openai_answer)};
  make_openai_client(settings("http://127.0.0.1:8080/v1/"), http)->chat(request());
  CHECK(http->requests.back().url == "http://127.0.0.1:8080/v1/chat/completions");

  make_openai_client(settings("https://acme.openai.azure.com/openai/deployments/gpt4o?api-version=2024-10-21"), http)
      ->chat(request());
  CHECK(http->requests.back().url ==
        "https://acme.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21");
  CHECK(header(http->requests.back(), "api-key") == "sk-secret-123");
  CHECK(header(http->requests.back(), "Authorization") == "<none>");
}

TEST_CASE("the OpenAI client sends max_completion_tokens and no temperature to reasoning models") {
  auto http = std::make_shared<ScriptedHttp>();
  http->responses = {http_response(200, k_openai_answer)};
  auto s = settings();
  s.model = "o3-mini";
  make_openai_client(s, http)->chat(request());
  rapidjson::Document body;
  body.Parse(http->requests[0].body.c_str());
  CHECK(body["max_completion_tokens"].GetInt() == 256);
  CHECK_FALSE(body.HasMember("max_tokens"));
  CHECK_FALSE(body.HasMember("temperature"));
}

TEST_CASE("a local server without a key gets no Authorization header") {
  auto http = std::make_shared<ScriptedHttp>();
  http->responses = {http_response(200, k_openai_answer)};
  auto s = settings("http://localhost:11434/v1");
  s.api_key.clear();
  make_openai_client(s, http)->chat(request());
  CHECK(header(http->requests[0], "Authorization") == "<none>");
}

TEST_CASE("the Anthropic client posts Messages with x-api-key and the API version, and joins text blocks") {
  auto http = std::make_shared<ScriptedHttp>();
  http->responses = {http_response(200, k_anthropic_answer)};
  auto client = make_anthropic_client(settings(), http);
  auto response = client->chat(request());
  const auto& sent = http->requests.at(0);
  CHECK(sent.url == "https://api.anthropic.com/v1/messages");
  CHECK(header(sent, "x-api-key") == "sk-secret-123");
  CHECK(header(sent, "anthropic-version") == "2023-06-01");
  CHECK(header(sent, "Authorization") == "<none>");
  rapidjson::Document body;
  body.Parse(sent.body.c_str());
  CHECK(std::string(body["system"].GetString()) == "be brief");
  CHECK(body["max_tokens"].GetInt() == 256);
  REQUIRE(body["messages"].Size() == 3);
  CHECK(std::string(body["messages"][0]["role"].GetString()) == "user");
  CHECK(response.text == R"({"verdict": "unclear"})");
  CHECK(response.truncated);
  CHECK(response.input_tokens == 50);
  CHECK(response.output_tokens == 9);

  make_anthropic_client(settings("http://127.0.0.1:9/v1"), http)->chat(request());
  CHECK(http->requests.back().url == "http://127.0.0.1:9/v1/messages");
}

TEST_CASE("a 401 names the environment variable and never the key") {
  auto http = std::make_shared<ScriptedHttp>();
  http->responses = {http_response(
      401, R"({"error":{"message":"Incorrect API key provided: sk-secret-123","type":"invalid_request_error"}})")};
  auto client = make_openai_client(settings("http://127.0.0.1:1/v1"), http);
  try {
    client->chat(request());
    FAIL("expected an LlmError");
  } catch (const LlmError& e) {
    CHECK(e.kind() == LlmErrorKind::auth);
    CHECK(std::string(e.what()) ==
          "the LLM service at http://127.0.0.1:1/v1/chat/completions rejected the API key from CODEGATE_LLM_API_KEY "
          "(HTTP 401: Incorrect API key provided: [REDACTED])");
    CHECK(e.wire().response_body.find("sk-secret-123") == std::string::npos);
  }
}

TEST_CASE("a 401 without a key asks for the variable") {
  auto http = std::make_shared<ScriptedHttp>();
  http->responses = {http_response(401, "Unauthorized")};
  auto s = settings("http://127.0.0.1:1/v1");
  s.api_key.clear();
  try {
    make_openai_client(s, http)->chat(request());
    FAIL("expected an LlmError");
  } catch (const LlmError& e) {
    CHECK(std::string(e.what()) ==
          "the LLM service at http://127.0.0.1:1/v1/chat/completions requires an API key "
          "(HTTP 401: Unauthorized); set CODEGATE_LLM_API_KEY");
  }
}

TEST_CASE("exhausted retries are 'unavailable'; a 404 is 'rejected' with a hint") {
  auto http = std::make_shared<ScriptedHttp>();
  auto s = settings("http://h/v1");
  s.retry.retries = 2;
  http->responses = {http_response(503, R"({"error":{"message":"overloaded"}})")};
  try {
    make_openai_client(s, http)->chat(request());
    FAIL("expected an LlmError");
  } catch (const LlmError& e) {
    CHECK(e.kind() == LlmErrorKind::unavailable);
    CHECK(std::string(e.what()) ==
          "the LLM service at http://h/v1/chat/completions failed after 3 attempts: HTTP 503: overloaded");
    CHECK(e.wire().attempts == 3);
  }
  http->responses = {transport_failure(http::TransportError::timeout)};
  s.retry.retries = 0;
  try {
    make_openai_client(s, http)->chat(request());
    FAIL("expected an LlmError");
  } catch (const LlmError& e) {
    CHECK(e.kind() == LlmErrorKind::unavailable);
    CHECK(std::string(e.what()) == "the LLM service at http://h/v1/chat/completions failed: timed out after 7 s");
  }
  http->responses = {http_response(404, R"({"error":{"message":"model 'x' not found"}})")};
  try {
    make_openai_client(s, http)->chat(request());
    FAIL("expected an LlmError");
  } catch (const LlmError& e) {
    CHECK(e.kind() == LlmErrorKind::rejected);
    CHECK(std::string(e.what()) ==
          "the LLM service at http://h/v1/chat/completions refused the request "
          "(HTTP 404: model 'x' not found); check llm.base_url and llm.model");
  }
}

TEST_CASE("an oversized answer is 'unavailable' after one attempt, whatever the retries") {
  auto http = std::make_shared<ScriptedHttp>();
  auto s = settings("http://h/v1");
  s.retry.retries = 3;
  http->responses = {transport_failure(http::TransportError::too_large, "response larger than 1024 bytes from h")};
  try {
    make_openai_client(s, http)->chat(request());
    FAIL("expected an LlmError");
  } catch (const LlmError& e) {
    CHECK(e.kind() == LlmErrorKind::unavailable);
    CHECK(std::string(e.what()) ==
          "the LLM service at http://h/v1/chat/completions failed: response larger than 1024 bytes from h");
    CHECK(e.wire().attempts == 1);
  }
}

TEST_CASE("a 200 that is not a chat answer is an unreadable answer") {
  auto http = std::make_shared<ScriptedHttp>();
  http->responses = {http_response(200, "<html>proxy login</html>")};
  CHECK_THROWS_WITH_AS(make_openai_client(settings("http://h/v1"), http)->chat(request()),
                       "the LLM service at http://h/v1/chat/completions sent an unreadable answer (not a JSON object)",
                       LlmError);
  http->responses = {http_response(200, R"({"content": 3})")};
  CHECK_THROWS_AS(make_anthropic_client(settings("http://h"), http)->chat(request()), LlmError);
}

TEST_CASE("a body nested a million levels deep is an unreadable answer, not a crash") {
  auto http = std::make_shared<ScriptedHttp>();
  std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
  http->responses = {http_response(200, deep)};
  CHECK_THROWS_WITH_AS(make_openai_client(settings("http://h/v1"), http)->chat(request()),
                       "the LLM service at http://h/v1/chat/completions sent an unreadable answer (not a JSON object)",
                       LlmError);
  http->responses = {http_response(200, deep)};
  CHECK_THROWS_AS(make_anthropic_client(settings("http://h"), http)->chat(request()), LlmError);
}

TEST_CASE("make_llm_client: no key and no base_url means no client, with the reason") {
  LlmConfig config;
  auto setup = make_llm_client(config, env_of({}));
  CHECK_FALSE(setup.client);
  CHECK(setup.reason ==
        "intent check skipped: no LLM configured (set CODEGATE_LLM_API_KEY or OPENAI_API_KEY, or llm.base_url)");
  config.provider = LlmProvider::anthropic;
  CHECK(make_llm_client(config, env_of({{"OPENAI_API_KEY", "k"}})).reason ==
        "intent check skipped: no LLM configured (set CODEGATE_LLM_API_KEY or ANTHROPIC_API_KEY, or llm.base_url)");
}

TEST_CASE("make_llm_client: CODEGATE_LLM_API_KEY first, then the provider's variable; an empty value is no key") {
  auto http = std::make_shared<ScriptedHttp>();
  http->responses = {http_response(200, k_openai_answer)};
  LlmConfig config;
  auto setup = make_llm_client(
      config, env_of({{"CODEGATE_LLM_API_KEY", "generic-key-1"}, {"OPENAI_API_KEY", "openai-key-2"}}), http);
  REQUIRE(setup.client);
  CHECK(setup.client->model() == "gpt-4o-mini");
  setup.client->chat(request());
  CHECK(header(http->requests.back(), "Authorization") == "Bearer generic-key-1");
  CHECK(setup.client->redact("x generic-key-1 y") == "x [REDACTED] y");

  setup = make_llm_client(config, env_of({{"CODEGATE_LLM_API_KEY", ""}, {"OPENAI_API_KEY", "openai-key-2"}}), http);
  setup.client->chat(request());
  CHECK(header(http->requests.back(), "Authorization") == "Bearer openai-key-2");
}

TEST_CASE("make_llm_client: llm.api_key_env is the only variable read when set") {
  LlmConfig config;
  config.api_key_env = "MY_KEY";
  auto setup = make_llm_client(config, env_of({{"CODEGATE_LLM_API_KEY", "generic"}}));
  CHECK_FALSE(setup.client);
  CHECK(setup.reason == "intent check skipped: no LLM configured (llm.api_key_env names MY_KEY, which is not set)");

  config.base_url = "http://localhost:8000/v1";
  setup = make_llm_client(config, env_of({}));
  REQUIRE(setup.client);
  REQUIRE(setup.warnings.size() == 1);
  CHECK(setup.warnings[0] ==
        "llm.api_key_env names MY_KEY, which is not set; sending requests to "
        "http://localhost:8000/v1 without a key");
}

TEST_CASE("make_llm_client: a base_url alone is a local server that needs no key") {
  LlmConfig config;
  config.base_url = "http://127.0.0.1:11434/v1";
  config.model = "llama3.1";
  auto setup = make_llm_client(config, env_of({}));
  REQUIRE(setup.client);
  CHECK(setup.client->endpoint() == "http://127.0.0.1:11434/v1/chat/completions");
  CHECK(setup.client->model() == "llama3.1");
  CHECK(setup.client->provider() == "openai");
}

TEST_CASE("provider helpers: join_url, redaction, error messages") {
  CHECK(join_url("https://a/v1", "/chat/completions") == "https://a/v1/chat/completions");
  CHECK(join_url("https://a/v1//", "/x") == "https://a/v1/x");
  CHECK(join_url("https://a/d?v=1", "/x") == "https://a/d/x?v=1");
  CHECK(redact_secret("key=abcdefgh abcdefgh", "abcdefgh") == "key=[REDACTED] [REDACTED]");
  CHECK(redact_secret("text", "") == "text");
  // Pieces of 8 characters or more, wherever they start or end in the key.
  CHECK(redact_secret("upstream error for key SECRET-TOKEN-123.", "sk-SECRET-TOKEN-123") ==
        "upstream error for key [REDACTED].");
  CHECK(redact_secret("a sk-SECRE b TOKEN-12 c", "sk-SECRET-TOKEN-123") == "a [REDACTED] b [REDACTED] c");
  CHECK(redact_secret("a sk-SECR b OKEN-12 c", "sk-SECRET-TOKEN-123") == "a sk-SECR b OKEN-12 c");
  CHECK(redact_secret("keep the k", "k") == "keep the k");
  CHECK(mask_header("Bearer k", "k") == "Bearer [REDACTED]");
  CHECK(provider_error_message(R"({"type":"error","error":{"type":"x","message":"bad key"}})") == "bad key");
  CHECK(provider_error_message(R"({"error":"plain"})") == "plain");
  CHECK(provider_error_message("  Bad Gateway\n") == "Bad Gateway");
  CHECK(provider_error_message(std::string(500, 'x')).size() == 303);
}

TEST_CASE("the libcurl client reports a refused connection as a connection error") {
  auto http = http::make_curl_http_client();
  // Port 1 on the loopback interface: nothing listens there in a test environment.
  auto response = http->send(
      {"http://127.0.0.1:1/v1/chat/completions", {{"Content-Type", "application/json"}}, "{}", 5, "POST", ""});
  CHECK(response.error == http::TransportError::connection);
  CHECK_FALSE(response.error_message.empty());
  auto bad = http->send({"file:///etc/passwd", {}, "{}", 5, "POST", ""});
  CHECK(bad.error == http::TransportError::other);
}
