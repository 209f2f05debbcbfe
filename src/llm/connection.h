#pragma once
// The run's one LLM client, made from the configuration and the environment when a stage first
// asks for it and shared by every stage that asks after (the intent check, the repair prompts, the
// candidates' intent checks). The environment stays here: the stages get a client, or why not.

#include <functional>
#include <mutex>
#include <string>

#include "config/config.h"
#include "llm/client.h"
#include "util/environment.h"

namespace codegate::llm {

// How a stage asks for its client: null, with `why_not` set to a one-line reason, when there is none.
using ClientSource = std::function<LlmClient*(std::string& why_not)>;

// A source that always answers `client` (eval's recording clients, tests' scripted ones).
ClientSource given_client(LlmClient& client);

class Connection {
public:
  Connection(const Config& config, util::EnvLookup env);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Makes the client on the first call, printing its setup's warnings once; safe from several threads.
  LlmClient* client(std::string& why_not);
  // client() as a source; it must not outlive this connection.
  ClientSource source();

private:
  const Config& config_;
  util::EnvLookup env_;
  std::once_flag made_;
  LlmClientSetup setup_;
};

} // namespace codegate::llm
