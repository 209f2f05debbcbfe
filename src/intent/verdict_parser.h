#pragma once
// Reads the model's answer to the intent prompt: the JSON object the prompt asks for, found even
// inside code fences or prose.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "intent/verdict.h"

namespace codegate::intent {

// A verdict the model may give (consistent, inconsistent, unclear; never unchecked) by its name in
// any case, surrounding blanks ignored.
std::optional<Verdict> parse_model_verdict(std::string_view text);

// One place where the code departs from its docstring; line 0 when the model gave none.
struct VerdictIssue {
  int line = 0;
  std::string explanation;
};

// The model's judgement of one unit.
struct ModelVerdict {
  Verdict verdict = Verdict::unclear; // never unchecked
  double confidence = 0.5; // 0..1; 0.5 when the model left it out
  std::vector<VerdictIssue> issues;
};

// A verdict, or what made the answer unusable (worded for the corrective message).
struct VerdictParse {
  std::optional<ModelVerdict> verdict;
  std::string problem;
};

// Takes the first JSON object with a "verdict" member, after dropping <think> blocks; tolerates
// code fences, prose around it, trailing commas, a confidence given as a percentage or a string,
// and "message" for "explanation". Issues without an explanation are dropped.
VerdictParse parse_verdict(std::string_view answer);

} // namespace codegate::intent
