#include "pipeline/refine_step.h"

#include <memory>
#include <optional>

#include "ci/push_target.h"
#include "git/commit.h"
#include "intent/cache.h"
#include "llm/client.h"
#include "pipeline/candidate_verifier.h"
#include "refine/refine.h"
#include "util/strings.h"

namespace codegate {

void run_refine_step(CheckResult& result, const RefineStep& step) {
  const Config& config = step.trusted.config;
  std::unique_ptr<git::Snapshot> base;
  if (!step.changes.base_sha.empty()) base = git::commit_snapshot(step.repo, step.changes.base_sha);
  CandidateVerifier verifier({.analysed = step.analysed,
                              .base = base.get(),
                              .changes = step.changes,
                              .trusted = step.trusted,
                              .processes = step.processes,
                              .jobs = step.jobs,
                              .log_dir = step.options.log_dir,
                              .budget = &step.budget,
                              .client = step.llm.source(),
                              .baseline = step.baseline,
                              .roles = step.roles});

  // The loop asks for the run's client only once it has something to ask it.
  auto connect = [&step](std::string& why_not) -> llm::LlmClient* {
    llm::LlmClient* client = step.llm.client(why_not);
    // The LLM layer words its reason for the intent check; the cause is the same here.
    if (auto colon = why_not.find(": "); client == nullptr && util::starts_with(why_not, "intent check skipped"))
      why_not = why_not.substr(colon + 2);
    return client;
  };

  RefineOptions options{step.options.in_ci, step.options.log_dir, std::nullopt, config.cache.directory};
  if (config.refine.fix == FixMode::push)
    options.push_target = ci::push_target(step.ci.push, git::head_state(step.repo));
  run_refine(result, {.repo = step.repo,
                      .changes = step.changes,
                      .config = config,
                      .sources = step.workspace.sources(),
                      .verifier = verifier,
                      .budget = step.budget,
                      .client = connect,
                      .options = std::move(options)});
}

} // namespace codegate
