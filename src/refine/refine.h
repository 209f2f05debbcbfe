#pragma once
// Stage 6: the generate-verify-refine loop. The LLM proposes revised files; the same gate re-checks
// them; a revision survives only when strictly better; the result goes where --fix says.

#include "core/change_set.h"
#include "core/check_result.h"
#include "filter/baseline.h"
#include "git/repository.h"
#include "git/snapshot.h"
#include "pipeline/check_options.h"
#include "pipeline/trusted_config.h"
#include "pipeline/workspace.h"
#include "util/environment.h"

namespace codegate {

namespace llm {
class Budget;
class LlmClient;
} // namespace llm

struct RefineContext {
  const git::Repository& repo;
  const ChangeSet& changes;
  const git::Snapshot& analysed; // the head commit (or the index) the gate analysed
  Workspace& workspace;          // the analysed files; the loop works on copies
  const TrustedConfig& trusted;  // config.refine says the mode, rounds and targets
  const CheckOptions& options;
  int jobs = 1;
  // Seams for tests: the push target and token, the LLM key and the cache's default directory
  // come from `env` (the run's: ci::CiContext::env); `client` (when set) answers the repair
  // prompts instead of the one config.llm describes.
  util::EnvLookup env;
  llm::LlmClient* client = nullptr;
  llm::Budget* budget = nullptr; // the run's LLM budget; null: one from config.llm.budget_*
  // The base's findings: a candidate is judged with the same baseline as the original.
  const Baseline* baseline = nullptr;
};

// Refines the files whose findings fail the gate; records the outcome in `result` (fixes,
// Finding::fix_status, notes) and delivers it (patch, apply, commit, push, suggest).
void run_refine(CheckResult& result, const RefineContext& context);

} // namespace codegate
