#pragma once
// Part of the intent check (intent_check.cpp): what it tells while it runs, a progress line per
// unit asked and an exchange log record (--log-dir) per unit.

#include <string>
#include <vector>

#include "intent/check_candidate.h"
#include "intent/check_run.h"

namespace codegate::intent {

// "intent [3/7] path:line function f: <what>"; counts the unit as finished.
void report_progress(CheckRun& run, const Candidate& c, const std::string& what);

// The dialogue about `c` into the run's exchange log, if it has one; a failed write is a warning.
void write_log(CheckRun& run, const Candidate& c, std::vector<ExchangeTurn> turns, const std::string& outcome);

} // namespace codegate::intent
