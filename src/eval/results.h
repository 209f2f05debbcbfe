#pragma once
// What an experiment found, per sample and round, and the figures of the research summed up
// over it: CodeEnhancer's vulnerable % before and after refinement, cumulative secure % per
// round (the thesis's Figure 4.8), vulnerabilities per CWE before and after (Figure 4.9), and
// RefleXGen's Sec. Rate, Pass Rate, Eff. Total, Sec. Count and Unres. Count; mean and standard
// deviation over repeated runs.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "intent/verdict.h"

namespace codegate::eval {

// A failing finding of one round, as the tables count it.
struct RoundFinding {
  std::string tool; // "pylint", "bandit", "codegate-intent"
  std::string rule; // "B602", "E0602"
  std::string cwe;  // "CWE-78"; empty when the rule has none
  int line = 0;
  std::string message;
};

// The checks of one revision: round 0 is the generated code, round r the r-th refinement.
struct RoundResult {
  int round = 0;
  std::vector<RoundFinding> findings; // every failing finding of the revision
  bool syntax_error = false;          // the file does not parse (Pylint E0001)
  intent::Verdict intent = intent::Verdict::unchecked;
  bool accepted = true;               // round > 0: the revision was strictly better and kept
};

enum class SampleStatus { secure, vulnerable, syntax_error, generation_failed };
std::string to_string(SampleStatus status);
std::optional<SampleStatus> sample_status_from(const std::string& name);

struct SampleResult {
  std::string id;
  std::string prompt;              // the user message generation sent (the fine-tuning data's prompt)
  std::string cwe;                 // the data set's CWE, else the first Bandit finding's
  std::string cwe_source;          // "dataset", "bandit" or "" (none known)
  std::string source_language;     // LLMSecEval: the language the row was written for
  std::vector<RoundResult> rounds; // the kept revisions in order; empty when generation failed
  SampleStatus status = SampleStatus::generation_failed;
  bool missing_docstring = false; // the generated file had no module docstring with the fields
  std::string error;              // why generation failed
  long llm_calls = 0;
  long input_tokens = 0;
  long output_tokens = 0;
};

// The status a sample ends with: its last kept round decides.
SampleStatus final_status(const SampleResult& sample);
// True when the round has a failing Bandit finding (the research's "vulnerable").
bool vulnerable(const RoundResult& round);

// The figures of one run, as counts; percentages are of all samples of the run (generation
// failures count as not secure), so runs with different failure counts stay comparable, except
// RefleXGen's Sec. Rate, which its Table I takes over the effective outputs.
struct RunSummary {
  int samples = 0;
  int generation_failed = 0;
  int vulnerable_initial = 0; // round 0
  int vulnerable_final = 0;   // after refinement
  int syntax_errors_initial = 0;
  int syntax_errors_final = 0;
  // The functional (intent) check: the final revision's verdict, and samples with an
  // inconsistent verdict on any revision the loop verified (the thesis's "at any point").
  int intent_checked = 0; // final verdict consistent, inconsistent or unclear
  int intent_consistent = 0;
  int intent_inconsistent = 0;
  int intent_unclear = 0;
  int intent_inconsistent_any = 0;
  std::vector<int> cumulative_secure;        // index r: samples secure by round r
  std::vector<double> cumulative_secure_pct; // ... as % of samples
  std::map<std::string, int> cwe_initial;    // Bandit findings per CWE at round 0
  std::map<std::string, int> cwe_final;      // ... and in the final revisions
  // RefleXGen's Table I: Eff. Total, the effective outputs (code was produced and parses);
  // Sec. Count, the effective outputs with no vulnerability; Unres. Count, the inputs that gave
  // no effective output. Sec. Rate and Pass Rate below.
  int effective_total = 0;
  int secure_count = 0;
  int unresolved_count = 0;
  // codegate's own: samples whose final file passes every check, the functional one included.
  int passes_every_check = 0;
  long llm_calls = 0;
  long input_tokens = 0;
  long output_tokens = 0;

  double pct(int count) const { return samples == 0 ? 0.0 : 100.0 * count / samples; }
  // Sec. Rate: Sec. Count over Eff. Total.
  double sec_rate() const { return effective_total == 0 ? 0.0 : 100.0 * secure_count / effective_total; }
  // Pass Rate: Eff. Total over the valid inputs (every sample of the run).
  double pass_rate() const { return pct(effective_total); }
};

// A count the papers print as "count (percent of samples)", with its key in results.json.
struct PaperFigure {
  const char* key;   // "vulnerable_initial"
  const char* label; // "vulnerable before refinement"
  int (*count)(const RunSummary&);
};
// The figures in the order the reports show them.
const std::vector<PaperFigure>& paper_figures();

RunSummary summarise(const std::vector<SampleResult>& samples, int rounds);

// Mean and (sample) standard deviation of one figure over the runs.
struct Spread {
  double mean = 0;
  double std = 0;
};
Spread spread(const std::vector<double>& values);

// "65.4 (43.6%)", the thesis's way: the mean count and the mean percentage; a whole number
// without decimals ("3 (75.0%)").
std::string count_text(double count, double pct);

} // namespace codegate::eval
