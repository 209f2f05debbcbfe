#pragma once
// --log-dir for the refine loop: one JSON file per file and round with the prompt, the model's
// answer, and what became of the candidate (the research's dialogue logs), secrets redacted.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "llm/client.h"
#include "util/result.h"

namespace codegate::refine {

struct RoundRecord {
  std::string path;
  int round = 0;
  std::string provider;
  std::string model;
  std::string endpoint;
  std::string system;
  std::vector<llm::ChatMessage> messages;
  std::optional<llm::ChatResponse> response;
  std::optional<llm::WireExchange> failed_wire;
  std::string error;               // the LlmError text
  std::string outcome;             // "accepted", "rejected", "not sent", "failed"
  std::string reason;              // why rejected, or what an accepted revision removes
  std::vector<Finding> removed;    // failing findings the candidate removes
  std::vector<Finding> introduced; // failing findings it brings
  std::vector<Finding> still_open; // targets still failing after the round
  std::string candidate_diff;      // the candidate against the file the model was given
};

// The JSON text of a record before redaction; exposed for tests.
std::string round_record_json(const RoundRecord& record);

// Writes <directory>/refine-<path>-round<N>.json with `redact` applied to the whole text. Returns
// the file written, or why it could not be.
util::Result<std::string> write_round_record(const std::string& directory, const RoundRecord& record,
                                             const std::function<std::string(std::string)>& redact);

} // namespace codegate::refine
