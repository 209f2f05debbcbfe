#pragma once
// Part of the intent check (intent_check.cpp): what its worker threads share while they ask the
// model: the client, the budget, the verdict cache, the exchange log, and how the service failed.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "config/config.h"
#include "intent/cache.h"
#include "intent/exchange_log.h"
#include "intent/intent_check.h"
#include "llm/budget.h"
#include "llm/client.h"

namespace codegate::intent {

struct CheckRun {
  // The cache in Config::cache.directory (empty: none), the caller's budget or a fresh
  // one from llm.budget_*, and an exchange log when input.log_dir is set.
  CheckRun(llm::LlmClient& client, const IntentInput& input, const IntentServices& services);

  llm::LlmClient& client;
  const Config& config;
  VerdictCache cache;
  std::unique_ptr<llm::Budget> owned_budget; // null when the caller passed one
  llm::Budget& budget;
  std::unique_ptr<ExchangeLog> log; // null: no exchange logs

  std::atomic<bool> stop{false};
  std::atomic<bool> any_answer{false};
  std::atomic<int> finished{0};
  int total = 0;
  std::mutex mutex;
  std::string first_failure;
  bool auth_failure = false;
  bool cache_warned = false;
};

// Keeps the first failure's text for the run's note; guarded by the run's mutex.
void record_failure(CheckRun& run, const llm::LlmError& error);

} // namespace codegate::intent
