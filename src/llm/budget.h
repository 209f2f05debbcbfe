#pragma once
// The per-run spending limit for LLM calls (llm.budget): a number of calls and of input tokens.
// One Budget is shared by every thread and every stage of a run that talks to the LLM.

#include <mutex>
#include <string>

namespace codegate::llm {

class Budget {
public:
  Budget(int max_calls, long max_input_tokens);

  // Reserves one call expected to send about `estimated_input_tokens`; false, and nothing
  // reserved, when the call would pass either limit.
  bool try_reserve(long estimated_input_tokens);
  // Replaces a reservation's estimate with the count the provider reported.
  void settle(long estimated_input_tokens, long actual_input_tokens, long output_tokens);

  int calls() const;
  long input_tokens() const;
  long output_tokens() const;
  // "12 calls, 34567 input tokens, 890 output tokens" for the run summary.
  std::string summary() const;
  // Which limit stopped a reservation ("llm.budget.calls (200)"), for notes.
  std::string limit_description() const;

private:
  const int max_calls_;
  const long max_input_tokens_;
  mutable std::mutex mutex_;
  int calls_ = 0;
  long input_tokens_ = 0;
  long output_tokens_ = 0;
  bool refused_for_calls_ = false;
};

} // namespace codegate::llm
