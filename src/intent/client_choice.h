#pragma once
// Part of the intent check (intent_check.cpp): which LLM client it asks, the caller's or one made
// from the configuration, or why there is none.

#include <memory>
#include <string>

#include "config/config.h"
#include "intent/intent_check.h"
#include "llm/client.h"

namespace codegate::intent {

struct ClientChoice {
  std::unique_ptr<llm::LlmClient> owned;
  llm::LlmClient* client = nullptr; // null: the check is turned off or no LLM is configured
  std::string skip_reason;          // why client is null
};

// Warns about what the configuration's client setup warns about.
ClientChoice choose_client(const Config& config, const IntentServices& services);

} // namespace codegate::intent
