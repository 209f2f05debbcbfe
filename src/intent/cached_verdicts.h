#pragma once
// Part of the intent check (intent_check.cpp): the verdicts the cache already has, so a unit whose
// docstring and code did not change costs no request.

#include <vector>

#include "intent/check_candidate.h"
#include "intent/check_run.h"

namespace codegate::intent {

// Sets every candidate's cache key and answers the ones the cache has (logged as cached); returns
// the others, to be asked.
std::vector<Candidate*> answer_from_cache(CheckRun& run, std::vector<Candidate>& candidates);

} // namespace codegate::intent
