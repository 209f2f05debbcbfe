#pragma once
// The refine loop's one question to the rest of the gate: with these files replaced, which
// findings fail? The pipeline answers it with the run's analyzers, diff filter, baseline and
// thresholds (pipeline/candidate_verifier.h); the unit tests answer it with a fake.

#include <map>
#include <string>
#include <vector>

#include "core/check_result.h"
#include "core/finding.h"

namespace codegate::refine {

// The gate's view of the analysed revision with some files replaced.
struct Verification {
  // Every replaced file's findings that fail the gate; each replaced path has an entry, empty
  // when nothing fails there.
  std::map<std::string, std::vector<Finding>> failing;
  // The intent check's status on the replaced files; not_run when it did not run. The comparison
  // needs it: an intent check that could not run found nothing, which is not the same as finding
  // nothing wrong.
  ToolStatus intent_status = ToolStatus::not_run;
};

class Verifier {
public:
  virtual ~Verifier() = default;
  // `files`: repository path -> the bytes that replace the analysed ones. `name` names this
  // verification in --log-dir ("refine-round-2"). Throws ToolError when an analyzer fails.
  virtual Verification verify(const std::map<std::string, std::string>& files, const std::string& name) = 0;
};

} // namespace codegate::refine
