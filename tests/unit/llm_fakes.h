#pragma once
// Fakes for the LLM layer's seams: an http::HttpClient that answers from a script and records what it
// was sent, and an LlmClient that answers chat requests from a script.

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "http/http_client.h"
#include "llm/client.h"

namespace codegate::testing {

// Answers POSTs in order from `responses`; the last one repeats when the script runs out.
class ScriptedHttp : public http::HttpClient {
public:
  std::vector<http::HttpResponse> responses;
  std::vector<http::HttpRequest> requests;

  http::HttpResponse send(const http::HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    requests.push_back(request);
    std::size_t i = std::min(requests.size() - 1, responses.size() - 1);
    return responses.at(i);
  }

private:
  std::mutex mutex_;
};

inline http::HttpResponse http_response(long status, std::string body,
                                        std::map<std::string, std::string> headers = {}) {
  http::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

inline http::HttpResponse transport_failure(http::TransportError error, std::string message = "boom") {
  http::HttpResponse r;
  r.error = error;
  r.error_message = std::move(message);
  return r;
}

// A chat client whose answer is computed from the request; counts calls.
class ScriptedLlm : public llm::LlmClient {
public:
  std::function<std::string(const llm::ChatRequest&)> answer;
  std::function<void(const llm::ChatRequest&)> fail; // may throw LlmError
  std::vector<llm::ChatRequest> requests;

  llm::ChatResponse chat(const llm::ChatRequest& request) override {
    {
      std::lock_guard lock(mutex_);
      requests.push_back(request);
    }
    if (fail) fail(request);
    llm::ChatResponse response;
    response.text = answer ? answer(request) : R"({"verdict": "consistent", "confidence": 0.9, "issues": []})";
    response.input_tokens = 100;
    response.output_tokens = 20;
    response.model = "fake-model";
    return response;
  }
  std::string provider() const override { return "fake"; }
  std::string model() const override { return "fake-model"; }
  std::string endpoint() const override { return "http://fake/v1/chat/completions"; }
  std::string redact(std::string text) const override {
    const std::string secret = "sk-fake-secret";
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret))
      text.replace(pos, secret.size(), "[REDACTED]");
    return text;
  }
  std::size_t calls() {
    std::lock_guard lock(mutex_);
    return requests.size();
  }

private:
  std::mutex mutex_;
};

} // namespace codegate::testing
