#include "intent/issue_lines.h"

#include <algorithm>

#include "util/log.h"

namespace codegate::intent {

ModelVerdict checked_lines(ModelVerdict verdict, const Candidate& c) {
  const auto& shown = c.code.shown_lines;
  for (auto& issue : verdict.issues) {
    if (issue.line != 0 && !std::binary_search(shown.begin(), shown.end(), issue.line)) {
      util::debug("intent: the model cited line " + std::to_string(issue.line) + " for " + c.path + " " +
                  c.prompt.description + ", which it was not shown");
      issue.line = 0;
    }
  }
  return verdict;
}

ModelVerdict to_relative(ModelVerdict verdict, int first_line) {
  for (auto& issue : verdict.issues) {
    if (issue.line != 0) issue.line = issue.line - first_line + 1;
  }
  return verdict;
}

ModelVerdict to_absolute(ModelVerdict verdict, int first_line) {
  for (auto& issue : verdict.issues) {
    if (issue.line != 0) issue.line = issue.line + first_line - 1;
  }
  return verdict;
}

} // namespace codegate::intent
