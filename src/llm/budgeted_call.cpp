#include "llm/budgeted_call.h"

#include "llm/provider_http.h"

namespace codegate::llm {

std::optional<ChatResponse> chat_within(Budget& budget, LlmClient& client, const ChatRequest& request) {
  long estimate = estimate_tokens(request);
  if (!budget.try_reserve(estimate)) return std::nullopt;
  try {
    ChatResponse response = client.chat(request);
    budget.settle(estimate, response.input_tokens, response.output_tokens);
    return response;
  } catch (const LlmError&) {
    budget.settle(estimate, 0, 0);
    throw;
  }
}

} // namespace codegate::llm
