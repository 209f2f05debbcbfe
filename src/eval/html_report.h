#pragma once
// report.html: one self-contained page (no scripts, no fonts, no external files) with the
// experiment's tables and two charts drawn as inline SVG: cumulative secure % per round (a line
// per run, the mean with error bars) and vulnerabilities per CWE before and after refinement.

#include <string>
#include <vector>

#include "eval/intent_accuracy.h"
#include "eval/results_json.h"

namespace codegate::eval {

std::string html_report(const ExperimentInfo& info, const std::vector<RunResults>& runs);

// report.html of a labelled-pairs run: the confusion matrix and the measures, mean ± std over runs.
std::string accuracy_html(const AccuracyInfo& info, const std::vector<AccuracyRun>& runs);

// `text` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string html_escape(const std::string& text);

} // namespace codegate::eval
