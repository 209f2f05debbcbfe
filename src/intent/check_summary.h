#pragma once
// Part of the intent check (intent_check.cpp): the run's status and note, and the notes on the
// units that went unclear or unchecked.

#include <cstddef>
#include <string>

#include "intent/check_results.h"
#include "intent/check_run.h"
#include "intent/intent_check.h"

namespace codegate::intent {

// The run skipped for `reason`: nothing ran, so no version.
void mark_skipped(IntentOutput& out, const std::string& reason);

// The run's note and status from the tally: the summary, or unavailable when units went
// unchecked because the service failed. Throws ToolError when units went unchecked under
// llm.strict.
void finish_run(IntentOutput& out, const Tally& tally, std::size_t units, std::size_t from_cache, CheckRun& run);

} // namespace codegate::intent
