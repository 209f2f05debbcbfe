#include "llm/budget.h"

namespace codegate::llm {

Budget::Budget(int max_calls, long max_input_tokens) : max_calls_(max_calls), max_input_tokens_(max_input_tokens) {}

bool Budget::try_reserve(long estimated_input_tokens) {
  std::lock_guard lock(mutex_);
  if (calls_ + 1 > max_calls_) {
    refused_for_calls_ = true;
    return false;
  }
  if (input_tokens_ + estimated_input_tokens > max_input_tokens_) return false;
  ++calls_;
  input_tokens_ += estimated_input_tokens;
  return true;
}

void Budget::settle(long estimated_input_tokens, long actual_input_tokens, long output_tokens) {
  std::lock_guard lock(mutex_);
  input_tokens_ += actual_input_tokens - estimated_input_tokens;
  output_tokens_ += output_tokens;
}

int Budget::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

long Budget::input_tokens() const {
  std::lock_guard lock(mutex_);
  return input_tokens_;
}

long Budget::output_tokens() const {
  std::lock_guard lock(mutex_);
  return output_tokens_;
}

std::string Budget::summary() const {
  std::lock_guard lock(mutex_);
  return std::to_string(calls_) + (calls_ == 1 ? " call, " : " calls, ") + std::to_string(input_tokens_) +
         " input tokens, " + std::to_string(output_tokens_) + " output tokens";
}

std::string Budget::limit_description() const {
  std::lock_guard lock(mutex_);
  if (refused_for_calls_) return "llm.budget.calls (" + std::to_string(max_calls_) + ")";
  return "llm.budget.input_tokens (" + std::to_string(max_input_tokens_) + ")";
}

} // namespace codegate::llm
