#pragma once
// What a revision of one sample is judged by. Both profiles run the gate's analyzers and
// thresholds through the pipeline's CandidateVerifier; in the thesis profile the whole-file
// functional check (eval/functional_check.h) stands in for the gate's per-unit intent check.
// The verifier remembers each revision's intent verdict, `unclear` included, for the results.

#include <map>
#include <mutex>
#include <string>

#include "intent/verdict.h"
#include "refine/verifier.h"

namespace codegate::llm {
class Budget;
class LlmClient;
} // namespace codegate::llm

namespace codegate::eval {

// The thesis profile's functional check: where its requests go and with which settings.
struct FunctionalCheckSetup {
  llm::LlmClient& client;
  llm::Budget& budget;
  int max_tokens = 1024;
  double temperature = 0;
};

class ExperimentVerifier : public refine::Verifier {
public:
  // `gate`: the pipeline's verifier (in the thesis profile configured without the intent check).
  // `functional`: null in the gate profile.
  ExperimentVerifier(refine::Verifier& gate, const FunctionalCheckSetup* functional)
      : gate_(gate), functional_(functional) {}

  refine::Verification verify(const std::map<std::string, std::string>& files, const std::string& name) override;

  // The verdict on a revision this verifier judged; unchecked for any other.
  intent::Verdict verdict_of(const std::string& code) const;

private:
  refine::Verifier& gate_;
  const FunctionalCheckSetup* functional_;
  mutable std::mutex mutex_;
  std::map<std::string, intent::Verdict> verdicts_; // revision -> verdict
};

} // namespace codegate::eval
