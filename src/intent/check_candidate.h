#pragma once
// Part of the intent check (intent_check.cpp): one unit on its way through the check, from
// selection (check_candidates) to its result (check_results).

#include <optional>
#include <string>

#include "intent/cache.h"
#include "intent/prompt.h"
#include "intent/unit_code.h"
#include "intent/verdict_parser.h"
#include "python/source_index.h"

namespace codegate::intent {

// How the question about a unit ended.
enum class Outcome {
  answered,  // the model gave a verdict (or the cache had one)
  malformed, // two answers that were not the JSON object: recorded as unclear
  no_budget, // llm.budget ran out before this unit
  failed,    // the service failed for this unit
  abandoned, // not sent: an earlier failure showed the service is unusable
};

struct Candidate {
  std::string path;
  const python::SourceIndex* index = nullptr;
  int unit = 0;
  UnitCode code;
  PromptUnit prompt;
  CacheKey key;
  std::string base_plain; // the base version shown in the prompt (intent.context: unit+base); empty: none

  Outcome outcome = Outcome::abandoned;
  std::optional<ModelVerdict> verdict; // issue lines are file lines, already checked
  bool cached = false;
  std::string note;

  const python::SourceUnit& source_unit() const { return index->units[static_cast<std::size_t>(unit)]; }
};

} // namespace codegate::intent
