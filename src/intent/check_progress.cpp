#include "intent/check_progress.h"

#include "util/log.h"

namespace codegate::intent {

void report_progress(CheckRun& run, const Candidate& c, const std::string& what) {
  int done = ++run.finished;
  util::progress("intent [" + std::to_string(done) + "/" + std::to_string(run.total) + "] " + c.path + ":" +
                 std::to_string(c.source_unit().line) + " " + c.prompt.description + ": " + what);
}

void write_log(CheckRun& run, const Candidate& c, std::vector<ExchangeTurn> turns, const std::string& outcome) {
  if (run.log == nullptr) return;
  ExchangeRecord record;
  record.provider = run.client.provider();
  record.model = run.client.model();
  record.endpoint = run.client.endpoint();
  record.path = c.path;
  record.unit = c.prompt.description;
  record.first_line = c.prompt.first_line;
  record.last_line = c.prompt.last_line;
  record.cached = c.cached;
  if (!c.cached) record.system = system_prompt();
  record.turns = std::move(turns);
  record.verdict = c.verdict;
  record.outcome = outcome;
  if (auto written = run.log->write(record); !written) util::warn("cannot write the exchange log: " + written.error());
}

} // namespace codegate::intent
