#pragma once
// One sample's view of the run's LLM client: every request (generation, the intent checks, the
// repair prompts) goes through it, so the sample's calls and tokens are counted and its whole
// dialogue can be written to dialogues/<id>.json, secrets redacted.

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "llm/client.h"

namespace codegate::util {
class JsonWriter;
}

namespace codegate::eval {

struct Exchange {
  llm::ChatRequest request;
  std::optional<llm::ChatResponse> response;
  std::string error; // the LlmError text when the call failed
};

class RecordingClient : public llm::LlmClient {
public:
  // `seed`: set on every request that goes through (generation, checks, repairs, reflections).
  explicit RecordingClient(llm::LlmClient& inner, std::optional<long> seed = std::nullopt)
      : inner_(inner), seed_(seed) {}

  // Forwards to the run's client; a failure is recorded and rethrown.
  llm::ChatResponse chat(const llm::ChatRequest& request) override;
  std::string provider() const override { return inner_.provider(); }
  std::string model() const override { return inner_.model(); }
  std::string endpoint() const override { return inner_.endpoint(); }
  std::string redact(std::string text) const override { return inner_.redact(std::move(text)); }

  std::vector<Exchange> exchanges() const;
  long calls() const;
  long input_tokens() const;
  long output_tokens() const;

private:
  llm::LlmClient& inner_;
  std::optional<long> seed_;
  mutable std::mutex mutex_; // the intent check asks about several units at once
  std::vector<Exchange> exchanges_;
};

// The dialogue as a JSON array of {system, messages, response: {text, model, tokens, truncated}
// | error}; every string passes through `redact` (the key never reaches the file).
void write_dialogue(util::JsonWriter& json, const std::vector<Exchange>& exchanges, const llm::LlmClient& client);

} // namespace codegate::eval
