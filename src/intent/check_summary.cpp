#include "intent/check_summary.h"

#include "core/error.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate::intent {
namespace {

using util::plural;

// The notes on units the model answered badly or the budget left out.
void add_unanswered_notes(IntentOutput& out, const Tally& tally, const CheckRun& run) {
  if (tally.malformed > 0) {
    out.notes.push_back("intent check: " + plural(tally.malformed, "unit is", "units are") +
                        " unclear because the model did not answer with the requested JSON object");
  }
  if (tally.no_budget > 0) {
    std::string note = "intent check: " + plural(tally.no_budget, "unit was", "units were") +
                       " not checked: " + run.budget.limit_description() + " reached";
    // Under llm.strict a unit the policy would fail on must be asked: a change that pads itself
    // with documented functions until the budget is spent must not get its last unit a pass.
    if (run.config.llm.strict && run.config.intent.fail_on == IntentFailOn::inconsistent) {
      throw ToolError(note +
                      "; under llm.strict with intent.fail_on: inconsistent an unchecked unit cannot pass. "
                      "Raise the budget (llm.budget) or split the change.");
    }
    out.notes.push_back(note);
  }
}

// The service failed for some units: the run is unavailable, or under llm.strict an error.
void mark_unavailable(IntentOutput& out, const Tally& tally, std::size_t units, CheckRun& run) {
  std::string failure;
  {
    std::lock_guard lock(run.mutex);
    failure = run.first_failure;
  }
  std::string note = "intent check unavailable: " + failure;
  if (tally.not_checked < units) {
    note += " (" + std::to_string(tally.not_checked) + " of " + plural(units, "unit", "units") + " not checked)";
  }
  if (run.config.llm.strict) throw ToolError(note);
  util::warn(note);
  out.run.status = ToolStatus::unavailable;
  out.run.note = note;
  out.notes.push_back(note);
}

} // namespace

void mark_skipped(IntentOutput& out, const std::string& reason) {
  out.run.status = ToolStatus::skipped;
  out.run.version.clear(); // like every skipped tool: nothing ran
  out.run.note = reason;
}

void finish_run(IntentOutput& out, const Tally& tally, std::size_t units, std::size_t from_cache, CheckRun& run) {
  std::string summary = plural(units, "unit", "units") + " checked with " + run.client.model() + ": " +
                        std::to_string(tally.inconsistent) + " inconsistent, " + std::to_string(tally.consistent) +
                        " consistent, " + std::to_string(tally.unclear) + " unclear";
  if (from_cache > 0) summary += " (" + std::to_string(from_cache) + " from the cache)";
  add_unanswered_notes(out, tally, run);
  util::debug("intent check: " + run.budget.summary());
  if (tally.not_checked > 0) {
    mark_unavailable(out, tally, units, run);
    return;
  }
  out.run.note = summary;
}

} // namespace codegate::intent
