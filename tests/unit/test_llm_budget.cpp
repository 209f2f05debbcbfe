#include <doctest/doctest.h>

#include "llm/budget.h"

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
