#include "eval/recording_client.h"

#include "util/json_writer.h"

namespace codegate::eval {

llm::ChatResponse RecordingClient::chat(const llm::ChatRequest& given) {
  llm::ChatRequest request = given;
  if (seed_) request.seed = seed_;
  try {
    llm::ChatResponse response = inner_.chat(request);
    std::lock_guard lock(mutex_);
    exchanges_.push_back({request, response, ""});
    return response;
  } catch (const llm::LlmError& e) {
    std::lock_guard lock(mutex_);
    exchanges_.push_back({request, std::nullopt, e.what()});
    throw;
  }
}

std::vector<Exchange> RecordingClient::exchanges() const {
  std::lock_guard lock(mutex_);
  return exchanges_;
}

long RecordingClient::calls() const {
  std::lock_guard lock(mutex_);
  return static_cast<long>(exchanges_.size());
}

long RecordingClient::input_tokens() const {
  std::lock_guard lock(mutex_);
  long total = 0;
  for (const auto& e : exchanges_) total += e.response ? e.response->input_tokens : 0;
  return total;
}

long RecordingClient::output_tokens() const {
  std::lock_guard lock(mutex_);
  long total = 0;
  for (const auto& e : exchanges_) total += e.response ? e.response->output_tokens : 0;
  return total;
}

void write_dialogue(util::JsonWriter& json, const std::vector<Exchange>& exchanges, const llm::LlmClient& client) {
  auto clean = [&](const std::string& text) { return client.redact(text); };
  json.start_array();
  for (const auto& e : exchanges) {
    json.start_object().member("system", clean(e.request.system)).start_array("messages");
    for (const auto& m : e.request.messages)
      json.start_object().member("role", m.role).member("content", clean(m.content)).end_object();
    json.end_array();
    if (e.response) {
      json.start_object("response").member("text", clean(e.response->text)).member("model", e.response->model);
      json.member("input_tokens", e.response->input_tokens).member("output_tokens", e.response->output_tokens);
      json.member("truncated", e.response->truncated).end_object();
    } else {
      json.member("error", clean(e.error));
    }
    json.end_object();
  }
  json.end_array();
}

} // namespace codegate::eval
