#pragma once
// `codegate eval --compare A B`: two experiments side by side (plain vs secure prompts, knowledge
// base on vs off, a base vs a fine-tuned model), figure by figure from their results.json, with
// the difference in percentage points.

#include <string>

namespace codegate::eval {

// The comparison as a Markdown table. Throws UsageError naming the directory whose results.json
// is missing or is not an experiment's (labelled-pair runs have no such figures).
std::string compare_results(const std::string& dir_a, const std::string& dir_b);

} // namespace codegate::eval
