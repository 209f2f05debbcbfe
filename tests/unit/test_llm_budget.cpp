#include <doctest/doctest.h>

#include "llm/budget.h"
#include "llm/budgeted_call.h"
#include "llm/provider_http.h"
#include "llm_fakes.h"

using codegate::llm::Budget;

TEST_CASE("the budget refuses calls past either limit and settles estimates to actual counts") {
  Budget budget(2, 1000);
  CHECK(budget.try_reserve(400));
  budget.settle(400, 300, 10);
  CHECK(budget.input_tokens() == 300);
  CHECK_FALSE(budget.try_reserve(800)); // 300 + 800 > 1000
  CHECK(budget.limit_description() == "llm.budget.input_tokens (1000)");
  CHECK(budget.try_reserve(700));
  CHECK_FALSE(budget.try_reserve(1)); // a third call
  CHECK(budget.limit_description() == "llm.budget.calls (2)");
  CHECK(budget.calls() == 2);
  CHECK(budget.summary() == "2 calls, 1000 input tokens, 10 output tokens");
}

TEST_CASE("a budgeted call reserves the estimate, settles to the provider's count, and to zero when it fails") {
  codegate::testing::ScriptedLlm client;
  codegate::llm::ChatRequest request;
  request.system = std::string(400, 's'); // 100 tokens estimated
  request.messages.push_back({"user", std::string(40, 'u')});
  CHECK(codegate::llm::estimate_tokens(request) == 110);

  Budget budget(3, 250);
  auto answer = codegate::llm::chat_within(budget, client, request);
  REQUIRE(answer);
  CHECK(budget.calls() == 1);
  CHECK(budget.input_tokens() == 100); // the provider's count, not the estimate
  CHECK(budget.output_tokens() == 20);

  client.fail = [](const codegate::llm::ChatRequest&) {
    throw codegate::llm::LlmError(codegate::llm::LlmErrorKind::unavailable, "down");
  };
  CHECK_THROWS_AS(codegate::llm::chat_within(budget, client, request), codegate::llm::LlmError);
  CHECK(budget.calls() == 2);
  CHECK(budget.input_tokens() == 100); // nothing was answered: the reservation is released
  client.fail = nullptr;
  request.system = std::string(800, 's'); // 210 tokens: past what is left of 250
  CHECK_FALSE(codegate::llm::chat_within(budget, client, request));
  CHECK(client.calls() == 2); // refused before anything was sent
}
