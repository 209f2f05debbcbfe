#pragma once
// `codegate eval`: the CodeEnhancer / RefleXGen experiment over a data set, with the gate's own
// analysis, intent check, refine loop and knowledge base. Per sample: generate (round 0),
// verify with the gate's checks and thresholds, refine up to `rounds` times keeping only strictly
// better revisions, record everything under the output directory.

#include <optional>
#include <string>
#include <vector>

#include "eval/profile.h"
#include "util/environment.h"

namespace codegate::eval {

struct EvalOptions {
  std::string dataset;
  std::string out_dir;
  int rounds = 5; // 0: generate and verify only
  int runs = 1;
  int workers = 1;
  int limit = 0;                // 0: every sample
  std::vector<std::string> ids; // empty: every sample
  bool knowledge = true;
  EvalProfile profile = EvalProfile::thesis;
  PromptStyle prompt_style = PromptStyle::plain;
  bool reflect = false;                 // RefleXGen's self-reflection before each repair
  std::optional<double> temperature;    // every request of the experiment; default llm.temperature
  std::optional<int> max_output_tokens; // generation and checks; default llm.max_output_tokens
  std::optional<long> seed;             // sent where the provider takes one
  std::string language = "Python";      // the target language (LLMSecEval's <language>)
  std::string llm_model;
  std::string llm_base_url;
  std::string config_file; // empty: .codegate.yml of the current directory, if any
  bool resume = false;
  std::string intent_context; // labelled pairs: "unit" | "unit+base"; empty: intent.context of the configuration
};

// Runs the experiment and writes its outputs into out_dir. Throws UsageError for a bad data set
// or options or no LLM, ToolError when an analyzer fails. Returns the exit code: 0 when the
// experiment ran to its end, whatever the samples' verdicts (a sample the model gave no code for
// is a result, `generation-failed`, not a failure of the run).
int run_eval(const EvalOptions& options, const util::EnvLookup& env);

// --export-finetune: finetune.jsonl in `out_dir` from its finished samples, plus the expert
// samples under `secure_samples` (may be empty) for every row of the experiment's data set;
// `strip_docstrings` removes the docstrings from the exported code. Returns the number of lines.
int export_finetune(const std::string& out_dir, const std::string& secure_samples, bool strip_docstrings);

// knowledge export --finetune: every entry of the knowledge base at `knowledge_file` as a repair
// example. Returns the number of lines written.
int export_knowledge(const std::string& knowledge_file, const std::string& finetune_file);

} // namespace codegate::eval
