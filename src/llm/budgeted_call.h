#pragma once
// One chat call drawn on the run's budget: the estimate is reserved before the request, replaced
// by the provider's count after it, and released when the call fails.

#include <optional>

#include "llm/budget.h"
#include "llm/client.h"

namespace codegate::llm {

// nullopt when the budget refuses the call (nothing was sent; budget.limit_description() says
// which limit). Throws LlmError as the client does, with the reservation settled at zero.
std::optional<ChatResponse> chat_within(Budget& budget, LlmClient& client, const ChatRequest& request);

} // namespace codegate::llm
