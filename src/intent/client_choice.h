#pragma once
// Part of the intent check (intent_check.cpp): the run's LLM client, asked for only when the check
// is turned on, or why there is none.

#include <string>

#include "config/config.h"
#include "intent/intent_check.h"
#include "llm/client.h"

namespace codegate::intent {

struct ClientChoice {
  llm::LlmClient* client = nullptr; // null: the check is turned off or no LLM is configured
  std::string skip_reason;          // why client is null
};

ClientChoice choose_client(const Config& config, const IntentServices& services);

} // namespace codegate::intent
