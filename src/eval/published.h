#pragma once
// The published figures a run is set beside: the CodeEnhancer thesis's headline results with
// GPT-4o and the Sec. Rate improvements RefleXGen reports. Only figures the papers print are
// here; a figure they do not print is not invented.

#include <string>
#include <vector>

namespace codegate::eval {

struct PublishedFigure {
  std::string source;       // "CodeEnhancer thesis, GPT-4o, 5 runs"
  std::string dataset_kind; // the data set it was measured on ("llmseceval"); empty: the paper's own
  std::string figure;       // the key of the matching figure in results.json ("vulnerable_initial", "sec_rate_gain")
  std::string label;        // what it is
  std::string value;        // as printed: "65.4 (43.6%)", "+6.7 points"
};

const std::vector<PublishedFigure>& published_figures();

} // namespace codegate::eval
