#include "refine/refine.h"

namespace codegate {

// Placeholder until the refine loop lands: it says so in every report rather than pretend.
void run_refine(CheckResult& result, const RefineContext& /*context*/) {
  result.notes.push_back("refine is not available in this build");
}

} // namespace codegate
