#include "intent/check_run.h"

namespace codegate::intent {
namespace {

std::unique_ptr<llm::Budget> budget_unless_given(const Config& config, const IntentServices& services) {
  if (services.budget != nullptr) return nullptr;
  return std::make_unique<llm::Budget>(config.llm.budget_calls, config.llm.budget_input_tokens);
}

std::unique_ptr<ExchangeLog> exchange_log(const std::string& log_dir, llm::LlmClient* client) {
  if (log_dir.empty()) return nullptr;
  return std::make_unique<ExchangeLog>(log_dir, [client](std::string text) { return client->redact(std::move(text)); });
}

} // namespace

CheckRun::CheckRun(llm::LlmClient& c, const IntentInput& input, const IntentServices& services)
    : client(c),
      config(input.config),
      cache(input.config.cache.directory),
      owned_budget(budget_unless_given(input.config, services)),
      budget(services.budget != nullptr ? *services.budget : *owned_budget),
      log(exchange_log(input.log_dir, &c)) {}

void record_failure(CheckRun& run, const llm::LlmError& error) {
  std::lock_guard lock(run.mutex);
  if (run.first_failure.empty()) run.first_failure = error.what();
  if (error.kind() == llm::LlmErrorKind::auth) run.auth_failure = true;
}

} // namespace codegate::intent
