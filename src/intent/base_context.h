#pragma once
// Part of the intent check (intent_check.cpp): intent.context: unit+base, a changed unit shown
// with its version at the base.

#include <string>
#include <vector>

#include "intent/check_candidate.h"
#include "intent/intent_check.h"

namespace codegate::intent {

// A changed unit that existed at the base (same kind and qualified name) with the same docstring
// gets its base version (Candidate::base_plain, PromptUnit::base_numbered_code). A unit whose
// docstring changed with it, or whose code did not change, is shown alone. Nothing happens unless
// intent.context is unit+base and the input has base sources; when the base cannot be indexed,
// a note says so.
void add_base_context(std::vector<Candidate>& candidates, const IntentInput& input, std::vector<std::string>& notes);

} // namespace codegate::intent
