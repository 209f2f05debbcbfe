#pragma once
// --log-dir: every exchange with the model written as one JSON file (the research's dialogue
// logs), secrets redacted, for auditing verdicts and tuning prompts.

#include <atomic>
#include <functional>
#include <optional>
#include <string>

#include "util/result.h"
#include <vector>

#include "intent/verdict_parser.h"
#include "llm/client.h"

namespace codegate::intent {

// One request and what came back.
struct ExchangeTurn {
  std::vector<llm::ChatMessage> messages; // the conversation as sent (without the system prompt)
  std::optional<llm::ChatResponse> response;
  std::optional<llm::WireExchange> failed_wire; // the HTTP record when the call failed
  std::string error;                            // the LlmError text, or the parser's problem with the answer
};

// The whole dialogue about one unit.
struct ExchangeRecord {
  std::string provider;
  std::string model;
  std::string endpoint;
  std::string path;
  std::string unit; // "function Parser.parse"
  int first_line = 0;
  int last_line = 0;
  bool cached = false; // answered from the cache: no turns
  std::string system;
  std::vector<ExchangeTurn> turns;
  std::optional<ModelVerdict> verdict; // issue lines are file lines
  std::string outcome;                 // "consistent", "unclear: ...", "not checked: ..."
};

class ExchangeLog {
public:
  // `redact` is applied to the finished text of every file (LlmClient::redact).
  ExchangeLog(std::string directory, std::function<std::string(std::string)> redact);

  // Writes <directory>/<NNNN>-<path>-<unit>.json; safe from several threads. Returns the file
  // written, or nullopt with the reason in `error`.
  util::Result<std::string> write(const ExchangeRecord& record);

  // The JSON text of a record before redaction; exposed for tests.
  static std::string to_json(const ExchangeRecord& record);

private:
  std::string directory_;
  std::function<std::string(std::string)> redact_;
  std::atomic<int> sequence_{0};
};

} // namespace codegate::intent
