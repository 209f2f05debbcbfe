#pragma once
// The pipeline's side of stage 6: what the refine loop needs from the run (a verifier that judges
// candidates like the original, the repair client, the push target) made here, where every stage
// is known, so that refine/ knows none of them.

#include "ci/ci_context.h"
#include "core/change_set.h"
#include "core/check_result.h"
#include "filter/baseline.h"
#include "git/repository.h"
#include "git/snapshot.h"
#include "pipeline/check_options.h"
#include "pipeline/roles_step.h"
#include "pipeline/trusted_config.h"
#include "pipeline/workspace.h"
#include "util/process_runner.h"

namespace codegate {

namespace llm {
class Budget;
class Connection;
} // namespace llm

struct RefineStep {
  const git::Repository& repo;
  const ChangeSet& changes;
  const git::Snapshot& analysed; // the head commit (or the index) the gate analysed
  const Workspace& workspace;    // the analysed files
  const TrustedConfig& trusted;  // config.refine says the mode, rounds and targets
  const CheckOptions& options;
  util::ProcessRunner& processes; // starts the tools that verify each candidate
  int jobs = 1;
  const ci::CiContext& ci;               // the push target
  llm::Connection& llm;                  // the run's LLM client: repair prompts and the candidates' intent checks
  llm::Budget& budget;                   // the run's LLM budget: repair prompts and the candidates' intent checks
  const Baseline* baseline = nullptr;    // the base's findings: a candidate is judged with the same baseline
  const RoleAssignment* roles = nullptr; // which files are test code: a candidate is held to the same policy
};

// Refines the files whose findings fail the gate (refine/refine.h) and delivers the result.
void run_refine_step(CheckResult& result, const RefineStep& step);

} // namespace codegate
