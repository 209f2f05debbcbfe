#include "intent/cached_verdicts.h"

#include "intent/check_progress.h"
#include "intent/issue_lines.h"

namespace codegate::intent {

std::vector<Candidate*> answer_from_cache(CheckRun& run, std::vector<Candidate>& candidates) {
  std::vector<Candidate*> queue;
  for (auto& c : candidates) {
    c.key = {run.client.provider(), run.client.model(), *c.source_unit().docstring, c.code.plain, c.base_plain};
    if (auto hit = run.cache.load(c.key)) {
      c.outcome = Outcome::answered;
      c.cached = true;
      c.verdict = checked_lines(to_absolute(*hit, c.source_unit().start_line), c);
      write_log(run, c, {}, std::string(to_string(c.verdict->verdict)) + " (cached)");
    } else {
      queue.push_back(&c);
    }
  }
  return queue;
}

} // namespace codegate::intent
