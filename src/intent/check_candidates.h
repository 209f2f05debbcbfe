#pragma once
// Part of the intent check (intent_check.cpp): which units it asks about, the ones with a docstring
// the change touched, and the changed ones without: listed, and findings where docstrings are
// required (intent.docstring_findings).

#include <string>
#include <vector>

#include "intent/check_candidate.h"
#include "intent/intent_check.h"
#include "intent/source_texts.h"

namespace codegate::intent {

// Units to ask about, in path and line order; the missing-docstring findings and a note for each
// file the index could not parse go into `out`, a note for each unit cut to intent.max_unit_chars
// into `cut_notes`.
std::vector<Candidate> select_candidates(const std::vector<python::SourceIndex>& indexes, const IntentInput& input,
                                         SourceTexts& texts, IntentOutput& out, std::vector<std::string>& cut_notes);

} // namespace codegate::intent
