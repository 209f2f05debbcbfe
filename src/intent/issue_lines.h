#pragma once
// Part of the intent check (intent_check.cpp): the lines the model's issues name, checked against
// what it was shown, and made relative to the unit for the cache.

#include "intent/check_candidate.h"

namespace codegate::intent {

// Issue lines the model gives must point into what it was shown; anything else (a line outside
// the unit, a hallucinated number) is moved to the unit's own line (0).
ModelVerdict checked_lines(ModelVerdict verdict, const Candidate& c);

// The cache keeps issue lines relative to the unit's first line so a moved unit still hits.
ModelVerdict to_relative(ModelVerdict verdict, int first_line);
ModelVerdict to_absolute(ModelVerdict verdict, int first_line);

} // namespace codegate::intent
