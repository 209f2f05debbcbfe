#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "llm/connection.h"

using codegate::Config;
using codegate::llm::Connection;
using codegate::llm::LlmClient;
using codegate::util::map_environment;

TEST_CASE("the run's connection makes one client and gives every stage that one, from any thread") {
  Config config;
  config.llm.base_url = "http://127.0.0.1:9/v1"; // a local server: no key needed, never asked here
  Connection connection(config, map_environment({}));
  std::vector<LlmClient*> seen(4, nullptr);
  std::vector<std::string> reasons(4);
  std::vector<std::thread> stages;
  for (std::size_t i = 0; i < seen.size(); ++i)
    stages.emplace_back([&, i] { seen[i] = connection.source()(reasons[i]); });
  for (auto& stage : stages) stage.join();
  REQUIRE(seen[0] != nullptr);
  CHECK(seen[0]->endpoint() == "http://127.0.0.1:9/v1/chat/completions");
  for (std::size_t i = 0; i < seen.size(); ++i) {
    CHECK(seen[i] == seen[0]);
    CHECK(reasons[i].empty());
  }
}

TEST_CASE("the key comes from the run's environment, which the connection keeps from the stages") {
  Config config;
  std::string why_not;
  Connection with_key(config, map_environment({{"CODEGATE_LLM_API_KEY", "key-1"}}));
  LlmClient* client = with_key.client(why_not);
  REQUIRE(client != nullptr);
  CHECK(client->provider() == "openai");
  CHECK(why_not.empty());

  Connection without(config, map_environment({}));
  CHECK(without.client(why_not) == nullptr);
  CHECK(why_not ==
        "intent check skipped: no LLM configured (set CODEGATE_LLM_API_KEY or OPENAI_API_KEY, or llm.base_url)");
  std::string again;
  CHECK(without.source()(again) == nullptr);
  CHECK(again == why_not);
}
