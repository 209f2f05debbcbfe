#include "eval/published.h"

namespace codegate::eval {

const std::vector<PublishedFigure>& published_figures() {
  static const std::vector<PublishedFigure> figures{
      {"CodeEnhancer thesis, GPT-4o, mean of 5 runs", "llmseceval", "vulnerable_initial",
       "LLMSecEval (150 samples): vulnerable before refinement", "65.4 (43.6%)"},
      {"CodeEnhancer thesis, GPT-4o, mean of 5 runs", "llmseceval", "vulnerable_final",
       "LLMSecEval (150 samples): vulnerable after refinement", "7.6%"},
      {"CodeEnhancer thesis, GPT-4o, mean of 5 runs", "securityeval", "vulnerable_initial",
       "SecurityEval (121 samples): vulnerable before refinement", "61.2%"},
      {"CodeEnhancer thesis, GPT-4o, mean of 5 runs", "securityeval", "vulnerable_final",
       "SecurityEval (121 samples): vulnerable after refinement", "4.1%"},
      {"RefleXGen, GPT-3.5 Turbo", "", "sec_rate_gain", "Sec. Rate gained with RefleXGen", "+13.6 points"},
      {"RefleXGen, GPT-4o", "", "sec_rate_gain", "Sec. Rate gained with RefleXGen", "+6.7 points"},
      {"RefleXGen, CodeQwen", "", "sec_rate_gain", "Sec. Rate gained with RefleXGen", "+4.5 points"},
      {"RefleXGen, Gemini", "", "sec_rate_gain", "Sec. Rate gained with RefleXGen", "+5.8 points"},
  };
  return figures;
}

} // namespace codegate::eval
