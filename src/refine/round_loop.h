#pragma once
// The rounds of the refine loop. Each round asks the model for a revision of every file with open
// targets, drops the candidates that fail the checks needing no analyzer, verifies the rest in
// one go, and keeps a candidate only when it is strictly better than the file's best revision.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "refine/file_state.h"
#include "refine/knowledge.h"
#include "refine/refine_log.h"
#include "refine/verifier.h"

namespace codegate::llm {
class Budget;
class LlmClient;
} // namespace codegate::llm

namespace codegate::refine {

struct RoundSettings {
  RoundSettings(const RefineConfig& refine_config, const LlmConfig& llm_config) : refine(refine_config), llm(llm_config) {}

  const RefineConfig& refine; // max_rounds, max_growth
  const LlmConfig& llm;       // concurrency, temperature, max_output_tokens
  std::string log_dir;        // --log-dir: one record per file and round; empty: none
  // The intent check's status on the analysed revision: when it ran there (ok) and not on a
  // candidate, the candidate keeps the original's intent findings.
  ToolStatus original_intent_status = ToolStatus::not_run;
  // Called for every file after each round, in the loop's thread: the round's record, the
  // candidate (nullopt: the model gave none), and the candidate's failing findings when it was
  // verified (null when a check before verification rejected it). `codegate eval` records each
  // revision through it.
  std::function<void(const RoundRecord&, const std::optional<std::string>& candidate,
                     const std::vector<Finding>* failing)>
      observe;
  // `codegate eval`: the task the files were written for, shown in every repair prompt and used
  // to retrieve past fixes; empty for the gate.
  std::string task;
  // The number of the first round (a sample whose syntax was repaired first goes on from there).
  int first_round = 1;
  // RefleXGen's self-reflection: asked before each repair with the file and its open targets,
  // called concurrently for different files; its answer goes into the repair prompt. Empty
  // function or empty answer: no reflection.
  std::function<std::string(const FileState&, const std::vector<Finding>& open, int round)> reflect;
};

// What the rounds came to; the files' own results are in their states.
struct RoundsOutcome {
  int rounds_run = 0;
  bool stopped = false;    // a round ended the loop before its rounds were up
  std::string stop_reason; // why: "llm.budget.calls (3) reached", "the LLM failed: ..."
};

// Runs rounds first_round..refine.max_rounds (clamped to 1..10) over `states`, until no file has an
// open target or the loop stops. Every request draws on `budget`.
RoundsOutcome run_rounds(std::vector<std::unique_ptr<FileState>>& states, Verifier& verifier, llm::LlmClient& client,
                         llm::Budget& budget, const KnowledgeBase& knowledge, const RoundSettings& settings);

} // namespace codegate::refine
