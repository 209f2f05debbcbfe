#include "llm/connection.h"

#include <utility>

#include "util/log.h"

namespace codegate::llm {

ClientSource given_client(LlmClient& client) {
  return [&client](std::string& /*why_not*/) { return &client; };
}

Connection::Connection(const Config& config, util::EnvLookup env) : config_(config), env_(std::move(env)) {}

LlmClient* Connection::client(std::string& why_not) {
  std::call_once(made_, [this] {
    setup_ = make_llm_client(config_, env_);
    for (const auto& warning : setup_.warnings) util::warn(warning);
  });
  if (!setup_.client) why_not = setup_.reason;
  return setup_.client.get();
}

ClientSource Connection::source() {
  return [this](std::string& why_not) { return client(why_not); };
}

} // namespace codegate::llm
