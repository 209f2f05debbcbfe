#pragma once
// The real refine::Verifier: a candidate is judged exactly as the original was. The analysed
// revision with the candidates in place of their files goes through the same analyzers (a fresh
// workspace, so imports see the same neighbours), the diff filter with the diff each candidate
// would make against the base, the baseline, and the gate's thresholds.

#include <map>
#include <optional>
#include <string>

#include "core/change_set.h"
#include "filter/baseline.h"
#include "git/snapshot.h"
#include "llm/connection.h"
#include "pipeline/roles_step.h"
#include "pipeline/trusted_config.h"
#include "refine/verifier.h"
#include "util/process_runner.h"

namespace codegate {

namespace llm {
class Budget;
} // namespace llm

struct CandidateVerifierSetup {
  const git::Snapshot& analysed;  // the revision the gate analysed (head commit, index, or any snapshot)
  const git::Snapshot* base;      // where the change's diff starts; null: every line counts as added
  const ChangeSet& changes;       // the analysed change; candidates replace their files' entries
  const TrustedConfig& trusted;   // analyzers, filter mode, suppressions, thresholds
  util::ProcessRunner& processes; // starts the tools
  int jobs = 1;
  std::string log_dir = {};              // each verification logs under <log_dir>/<name>; empty: none
  llm::Budget* budget = nullptr;         // the intent check's LLM budget (the run's)
  llm::ClientSource client = {};         // the intent check's client (the run's); empty: no LLM, the check is skipped
  const Baseline* baseline = nullptr;    // the base's findings: candidates get the original's baseline
  const RoleAssignment* roles = nullptr; // test code and its policy (test_code), as for the original; null: none
};

class CandidateVerifier : public refine::Verifier {
public:
  explicit CandidateVerifier(const CandidateVerifierSetup& setup);
  refine::Verification verify(const std::map<std::string, std::string>& files, const std::string& name) override;

private:
  ChangedFile changed_file(const std::string& path, const std::string& candidate);

  CandidateVerifierSetup setup_;
  std::map<std::string, std::optional<std::string>> base_texts_; // path -> its bytes at the base, read once
};

} // namespace codegate
