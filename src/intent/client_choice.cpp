#include "intent/client_choice.h"

#include "util/log.h"

namespace codegate::intent {

ClientChoice choose_client(const Config& config, const IntentServices& services) {
  ClientChoice choice;
  if (!config.intent.enabled) {
    choice.skip_reason = "intent check skipped: turned off (--no-llm or intent.enabled: false)";
  } else if (services.client != nullptr) {
    choice.client = services.client;
  } else {
    auto setup = llm::make_llm_client(config, services.env);
    for (const auto& warning : setup.warnings) util::warn(warning);
    choice.owned = std::move(setup.client);
    choice.client = choice.owned.get();
    choice.skip_reason = setup.reason;
  }
  return choice;
}

} // namespace codegate::intent
