#pragma once
// Stage 2 and 3 of the pipeline over one workspace: every analyzer of registry/registry.h
// (Pylint, Bandit, the intent check) runs concurrently; their findings come back with snippets
// and fingerprints. The refine loop runs the same analysis on its candidates.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/change_set.h"
#include "core/check_result.h"
#include "intent/intent_check.h"
#include "pipeline/trusted_config.h"
#include "pipeline/workspace.h"
#include "util/process_runner.h"

namespace codegate {

struct Analysis {
  std::vector<Finding> findings;
  std::vector<ToolRun> tools;
  std::vector<std::string> notes;
  std::vector<std::string> missing_docstrings;
};

struct AnalysisRequest {
  const std::vector<std::string>& files; // repository-relative Python files in the workspace
  const ChangeSet& changes;              // which lines the intent check looks at
  util::ProcessRunner& processes;        // starts the tools
  int jobs = 1;
  std::string log_dir = {};
  IntentServices intent = {}; // shared with the rest of the run: one LLM budget per run
  // Called with the findings of the analyzers in the baseline (Pylint's and Bandit's) as soon as
  // they are in, while the intent check may still be waiting for the LLM (the baseline's base
  // analysis runs there).
  std::function<void(const std::vector<Finding>&)> after_tools = {};
  // The changed files at the base, for intent.context: unit+base (pipeline/base_sources.h); null: none.
  const std::map<std::string, std::string>* base_sources = nullptr;
};

// The analyzers in the baseline (Analyzer::in_baseline: Pylint and Bandit) alone, concurrently;
// the baseline analyses the base revision with these.
struct ToolRequest {
  const std::vector<std::string>& files;
  util::ProcessRunner& processes;
  int jobs = 1;
  // Set: only the analyzers named here run (as far as the configuration enables them), each
  // checking only the rule ids listed (empty: all; AnalyzerJob::only_rules), which costs a
  // fraction of a full run. Unset: all of them, every rule.
  std::optional<std::map<std::string, std::vector<std::string>, std::less<>>> only;
  // An analyzer named here checks only these of `files` (each one of them); one not named, all.
  std::map<std::string, std::vector<std::string>, std::less<>> only_files = {};
};
Analysis run_tools(Workspace& workspace, const TrustedConfig& trusted, const ToolRequest& request);

// Throws ToolError when an analyzer fails (never a silent pass).
Analysis analyze(Workspace& workspace, const TrustedConfig& trusted, const AnalysisRequest& request);

// Fills Finding::snippet with the lines the finding points at (at most a few, each cut to a
// window around the finding's column when long). Returns how many snippets were cut.
int attach_snippets(std::vector<Finding>& findings, const std::map<std::string, std::string>& sources);
// The report note for `cut` cut snippets.
std::string snippets_cut_note(int cut);

} // namespace codegate
