#pragma once
// Part of the intent check (intent_check.cpp): asking the model about the units the cache could
// not answer, llm.concurrency at a time, with one corrective turn for an answer that is not the
// JSON object.

#include <cstddef>
#include <vector>

#include "intent/check_candidate.h"
#include "intent/check_run.h"

namespace codegate::intent {

// Asks about every queued unit and sets its outcome, verdict and note; `from_cache` and `total`
// are for the progress line. After a failure that shows the service unusable, the units not yet
// sent are abandoned.
void ask_model(CheckRun& run, const std::vector<Candidate*>& queue, std::size_t from_cache, std::size_t total);

} // namespace codegate::intent
