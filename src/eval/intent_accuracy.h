#pragma once
// `codegate eval` over labelled pairs: the gate's own intent check (run_intent_check, nothing
// copied) asked about each pair, against the label a person gave it. The positive class is
// "inconsistent": precision is how many of the flags were right, recall how many of the real
// mismatches were flagged, and the flag rate on consistent pairs is how often a team with
// intent.fail_on: inconsistent would see a good change fail.

#include <string>
#include <vector>

#include "config/config.h"
#include "eval/dataset.h"
#include "intent/verdict.h"
#include "util/environment.h"

namespace codegate::eval {

struct EvalOptions;

// The file the intent check reads for a pair: `source` as given, or `code` with `docstring` put
// into its first def/class as that unit's docstring, indented as its body (the module docstring
// when the code has no def/class). Throws UsageError naming the pair when the first def/class
// keeps its body on the header line or already has a docstring.
std::string pair_source(const LabelledPair& pair);
// The pair's base version (empty: none): `base_source`, given the pair's docstring the same way
// when the pair was given as code and docstring and the base version has none of its own.
std::string pair_base_source(const LabelledPair& pair);

// One pair's outcome in one run.
struct PairResult {
  std::string id;
  intent::Verdict label = intent::Verdict::inconsistent; // consistent or inconsistent
  intent::Verdict verdict = intent::Verdict::unchecked;
  double confidence = 0;
  bool base_shown = false; // the prompt showed the base version (intent.context: unit+base)
  std::string note;        // why unclear or unchecked
  long llm_calls = 0;
};

// The confusion matrix with "inconsistent" as the positive class. A verdict other than
// "inconsistent" (unclear, unchecked) does not fail a build, so it counts as not flagged; how
// many there were is reported beside.
struct AccuracySummary {
  int pairs = 0;
  int true_positive = 0;  // inconsistent, flagged
  int false_negative = 0; // inconsistent, not flagged
  int false_positive = 0; // consistent, flagged
  int true_negative = 0;  // consistent, not flagged
  int unclear = 0;
  int unchecked = 0;
  long llm_calls = 0;
  // 0 when the denominator is 0 (no flags, no inconsistent pairs, ...).
  double precision() const;
  double recall() const;
  double f1() const;
  double flag_rate_consistent() const; // false positives / consistent pairs
};

AccuracySummary summarise_pairs(const std::vector<PairResult>& results);

struct AccuracyInfo {
  std::string dataset_path;
  std::string provider;
  std::string model;
  std::string context; // "unit" | "unit+base"
};

struct AccuracyRun {
  std::vector<PairResult> pairs; // in the data set's order
  AccuracySummary summary;
};

std::string accuracy_json(const AccuracyInfo& info, const std::vector<AccuracyRun>& runs);

// Runs the intent check on every pair (or options.ids, options.limit) `options.runs` times, `options.workers` pairs at a time,
// with `config` (the experiment's: its llm and intent settings; options.intent_context, when
// set, overrides intent.context), and writes results.json and report.html into options.out_dir.
// Throws UsageError for bad options or no LLM. Returns 0.
int run_intent_accuracy(const EvalOptions& options, const Dataset& dataset, Config config, const util::EnvLookup& env);

} // namespace codegate::eval
