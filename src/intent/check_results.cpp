#include "intent/check_results.h"

#include <set>
#include <utility>

#include "intent/check_findings.h"

namespace codegate::intent {
namespace {

// The findings of an inconsistent verdict: one per issue, or one about the whole unit.
void add_mismatches(const Candidate& c, const std::vector<std::string>& lines, IntentOutput& out) {
  std::set<std::pair<int, std::string>> seen;
  std::vector<VerdictIssue> issues = c.verdict->issues;
  if (issues.empty()) issues.push_back({0, ""});
  for (const auto& issue : issues) {
    Finding f = mismatch_finding(c, issue, lines, c.verdict->confidence);
    if (seen.insert({f.line, f.message}).second) out.findings.push_back(std::move(f));
  }
}

} // namespace

Tally collect_results(const std::vector<Candidate>& candidates, SourceTexts& texts, IntentOutput& out) {
  Tally tally;
  for (const auto& c : candidates) {
    IntentUnitResult result{
        c.path, c.prompt.description, c.source_unit().line, c.source_unit().end_line, Verdict::unchecked, 0, c.cached,
        c.note};
    result.base_shown = !c.base_plain.empty();
    if (c.verdict) {
      result.verdict = c.verdict->verdict;
      result.confidence = c.verdict->confidence;
      switch (c.verdict->verdict) {
        case Verdict::consistent: ++tally.consistent; break;
        case Verdict::unclear: ++tally.unclear; break;
        case Verdict::unchecked: break; // the model never answers it
        case Verdict::inconsistent:
          ++tally.inconsistent;
          add_mismatches(c, texts.lines[c.path], out);
          break;
      }
    }
    if (c.outcome == Outcome::malformed) ++tally.malformed;
    if (c.outcome == Outcome::no_budget) ++tally.no_budget;
    if (c.outcome == Outcome::failed || c.outcome == Outcome::abandoned) ++tally.not_checked;
    out.units.push_back(std::move(result));
  }
  return tally;
}

void collect_unchecked(const std::vector<Candidate>& candidates, const std::string& reason, IntentOutput& out) {
  for (const auto& c : candidates) {
    out.units.push_back({c.path, c.prompt.description, c.source_unit().line, c.source_unit().end_line,
                         Verdict::unchecked, 0, false, reason});
  }
}

} // namespace codegate::intent
