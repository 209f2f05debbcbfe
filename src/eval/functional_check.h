#pragma once
// The thesis's functional check: does the whole generated file do what its module docstring
// (Input Prompt, Intention, Functionality) says? One request with the intent check's own prompt,
// shown every line of the file rather than the gate's per-unit outline, so a wrong body under a
// right docstring is in view. `unclear` is kept as its own answer.

#include <string>
#include <vector>

#include "core/finding.h"
#include "intent/verdict_parser.h"

namespace codegate::llm {
class Budget;
class LlmClient;
} // namespace codegate::llm

namespace codegate::eval {

struct FunctionalVerdict {
  intent::Verdict verdict = intent::Verdict::unchecked;
  std::string note;              // why unchecked: no module docstring, the budget, the LLM failed
  std::vector<Finding> findings; // inconsistent: one codegate intent-mismatch per issue (fingerprints set)
};

// Checks `code` (which parses) at `path`. The answer is read with the intent check's parser; an
// answer that is not its JSON object gets one corrective turn, then counts as unchecked.
FunctionalVerdict check_functionality(const std::string& path, const std::string& code, llm::LlmClient& client,
                                      llm::Budget& budget, int max_tokens, double temperature);

} // namespace codegate::eval
