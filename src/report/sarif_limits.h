#pragma once
// What GitHub code scanning accepts in one SARIF upload, and how codegate's SARIF stays inside it.
// GitHub's documentation ("SARIF support for code scanning", "SARIF results exceed one or more
// limits", "SARIF file is too large"): at most 10 MB gzipped, 20 runs, 25,000 results a run (of
// which it keeps the 5,000 most severe), 1,000 locations a result. codegate writes one location a
// result and at most 4 + the tools a merge names runs; what can grow is the results.

#include <cstddef>
#include <string>

#include "core/check_result.h"

namespace codegate {

struct SarifLimits {
  // Results kept a run: GitHub shows no more than this of a run, so more only cost upload size.
  int results_per_run = 5000;
  std::size_t max_gzipped_bytes = 10'000'000;
  int max_runs = 20;
};

// A rendered SARIF file and what had to be left out of it.
struct SarifDocument {
  std::string text;
  int results_left_out = 0; // over every run
};

// Renders the SARIF report inside `limits`: per run the findings that fail the gate are kept
// first, then errors, warnings and notes, suppressed ones last; while the gzipped file is too large
// the results a run keeps are halved. Each run that lost results says how many in its properties
// (`resultsLeftOut`) and its notes.
SarifDocument render_sarif_within(const CheckResult& result, const SarifLimits& limits = {});

// The report note for results a SARIF file could not hold ("" when none).
std::string sarif_left_out_note(int results_left_out);

} // namespace codegate
