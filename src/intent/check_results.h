#pragma once
// Part of the intent check (intent_check.cpp): the units' results and the mismatch findings, in
// the candidates' (path, line) order whatever order the threads finished in, and the tally of how
// the units came out.

#include <cstddef>
#include <string>
#include <vector>

#include "intent/check_candidate.h"
#include "intent/intent_check.h"
#include "intent/source_texts.h"

namespace codegate::intent {

// How the units came out, counted for the summary and the notes.
struct Tally {
  std::size_t consistent = 0, inconsistent = 0, unclear = 0, malformed = 0, no_budget = 0, not_checked = 0;
};

// A unit result for every candidate and a finding for each issue of an inconsistent one (the
// same line and message once) into `out`.
Tally collect_results(const std::vector<Candidate>& candidates, SourceTexts& texts, IntentOutput& out);

// Every candidate unchecked, for `reason`: no model was asked.
void collect_unchecked(const std::vector<Candidate>& candidates, const std::string& reason, IntentOutput& out);

} // namespace codegate::intent
