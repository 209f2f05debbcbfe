#pragma once
// Stage 6: the generate-verify-refine loop. The LLM proposes revised files; the same gate re-checks
// them; a revision survives only when strictly better; the result goes where --fix says.

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "config/config.h"
#include "core/change_set.h"
#include "core/check_result.h"
#include "git/push.h"
#include "git/repository.h"
#include "refine/verifier.h"

namespace codegate {

namespace llm {
class Budget;
class LlmClient;
} // namespace llm

struct RefineOptions {
  bool in_ci = false;  // relative knowledge paths resolve against the cache directory, not the checkout
  std::string log_dir; // --log-dir: one record per file and round; empty: none
  // --fix push: where the fix commit goes (git/push.h); nullopt falls back to suggestions.
  std::optional<git::PushTarget> push_target;
  std::string cache_directory; // in CI, where relative knowledge paths resolve (the intent cache's)
};

struct RefineContext {
  const git::Repository& repo;                       // the head commit's trailer; delivery
  const ChangeSet& changes;                          // head_sha: what a fix commit builds on
  const Config& config;                              // config.refine says the mode, rounds and targets
  const std::map<std::string, std::string>& sources; // the analysed bytes of the checked files
  refine::Verifier& verifier;                        // the gate's verdict on candidates
  llm::Budget& budget;                               // the run's LLM budget
  // The client that answers the repair prompts, asked for only when there is something to refine
  // (making one may warn about the configuration); null with `why_not` set when there is none.
  std::function<llm::LlmClient*(std::string& why_not)> client;
  RefineOptions options;
};

// Refines the files whose findings fail the gate; records the outcome in `result` (fixes,
// Finding::fix_status, notes) and delivers it (patch, apply, commit, push, suggest).
void run_refine(CheckResult& result, const RefineContext& context);

} // namespace codegate
