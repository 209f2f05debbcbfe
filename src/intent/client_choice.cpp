#include "intent/client_choice.h"

namespace codegate::intent {

ClientChoice choose_client(const Config& config, const IntentServices& services) {
  ClientChoice choice;
  if (!config.intent.enabled) {
    choice.skip_reason = "intent check skipped: turned off (--no-llm or intent.enabled: false)";
  } else if (!services.client) {
    choice.skip_reason = "intent check skipped: this run has no LLM client";
  } else {
    choice.client = services.client(choice.skip_reason);
  }
  return choice;
}

} // namespace codegate::intent
