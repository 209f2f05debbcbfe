#pragma once
// The LLM intent check (pipeline stage 3): does each changed unit do what its docstring says?

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/change_set.h"
#include "core/check_result.h"
#include "intent/verdict.h"
#include "llm/connection.h"

namespace codegate {

namespace llm {
class Budget;
} // namespace llm

struct IntentInput {
  const ChangeSet& changes;
  // path -> bytes at the analysed revision. A path the change set does not list is checked as a
  // whole (every line counts as changed); the refine loop passes candidate files that way.
  const std::map<std::string, std::string>& sources;
  const Config& config;
  std::string log_dir; // --log-dir; empty: no exchange logs
  // path -> bytes at the base, for intent.context: unit+base (the just-in-time setting); null or a
  // path missing: the unit is shown alone.
  const std::map<std::string, std::string>* base_sources = nullptr;
};

// What the stage talks to: the run's client (asked for only when the check is turned on) and its
// budget, so that one client and one budget serve the whole run.
struct IntentServices {
  llm::ClientSource client;      // the run's (llm::Connection::source); empty: no LLM in this run
  llm::Budget* budget = nullptr; // null: a fresh budget from config.llm.budget_*
};

// The outcome for one unit that had a docstring and was touched by the change.
struct IntentUnitResult {
  std::string path;
  std::string unit; // "function Parser.parse", "module"
  int line = 1;     // the def/class line
  int end_line = 1;
  intent::Verdict verdict = intent::Verdict::unchecked;
  double confidence = 0;
  bool cached = false;
  std::string note;        // why unclear or unchecked
  bool base_shown = false; // the prompt showed the unit's base version (intent.context: unit+base)
};

struct IntentOutput {
  std::vector<Finding> findings; // tool "codegate": intent-mismatch, missing-docstring
  ToolRun run;                   // name "codegate-intent"; status ok|skipped|unavailable
  std::vector<std::string> notes;
  std::vector<std::string> missing_docstrings; // "path:line qualified.name"
  std::vector<IntentUnitResult> units;         // every unit with a docstring the change touched
};

// Throws ToolError only when llm.strict is set and the service failed.
IntentOutput run_intent_check(const IntentInput& input, const IntentServices& services);

} // namespace codegate
