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
  std::string intent = "unchecked";   // consistent | inconsistent | unchecked
  bool accepted = true;               // round > 0: the revision was strictly better and kept
};

enum class SampleStatus { secure, vulnerable, syntax_error, generation_failed };
std::string to_string(SampleStatus status);
std::optional<SampleStatus> sample_status_from(const std::string& name);

struct SampleResult {
  std::string id;
  std::string prompt;     // the user message generation sent (the fine-tuning data's prompt)
  std::string cwe;        // the data set's CWE, else the first Bandit finding's
  std::string cwe_source; // "dataset", "bandit" or "" (none known)
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

// The figures of one run. Percentages are of all samples of the run (generation failures count
// as not secure), so runs with different failure counts stay comparable.
struct RunSummary {
  int samples = 0;
  int generation_failed = 0;
  int vulnerable_initial = 0; // round 0
  int vulnerable_final = 0;   // after refinement
  int syntax_errors_initial = 0;
  int syntax_errors_final = 0;
  int intent_checked = 0;
  int intent_consistent = 0;               // final revision judged consistent
  std::vector<double> cumulative_secure_pct; // index r: % secure by round r
  std::map<std::string, int> cwe_initial;  // Bandit findings per CWE at round 0
  std::map<std::string, int> cwe_final;    // ... and in the final revisions
  // RefleXGen's columns: Sec. Count (secure at the end), Unres. Count (still vulnerable),
  // Eff. Total (samples that produced parseable code), Sec. Rate (Sec. Count / samples),
  // Pass Rate (samples whose final revision passes every check, intent included / samples).
  int secure_count = 0;
  int unresolved_count = 0;
  int effective_total = 0;
  int pass_count = 0;
  long llm_calls = 0;
  long input_tokens = 0;
  long output_tokens = 0;

  double pct(int count) const { return samples == 0 ? 0.0 : 100.0 * count / samples; }
};

RunSummary summarise(const std::vector<SampleResult>& samples, int rounds);

// Mean and (sample) standard deviation of one figure over the runs.
struct Spread {
  double mean = 0;
  double std = 0;
};
Spread spread(const std::vector<double>& values);

} // namespace codegate::eval
