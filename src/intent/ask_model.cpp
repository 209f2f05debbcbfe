#include "intent/ask_model.h"

#include <algorithm>
#include <cstdio>

#include "intent/check_progress.h"
#include "intent/issue_lines.h"
#include "llm/budgeted_call.h"
#include "util/log.h"
#include "util/strings.h"
#include "util/thread_pool.h"

namespace codegate::intent {
namespace {

// The service failed for `c`.
void fail_unit(CheckRun& run, Candidate& c, const llm::LlmError& error) {
  record_failure(run, error);
  // A refused key or an unreachable service fails every later unit the same way; a request
  // refused before anything succeeded (unknown model, wrong path) most likely does too.
  if (error.kind() != llm::LlmErrorKind::rejected || !run.any_answer) run.stop = true;
  c.outcome = Outcome::failed;
  c.note = std::string("not checked: ") + error.what();
}

// The model's verdict into the cache; the first failure to write it is a warning.
void store_verdict(CheckRun& run, const Candidate& c, const ModelVerdict& verdict) {
  if (auto stored = run.cache.store(c.key, to_relative(verdict, c.source_unit().start_line)); !stored) {
    std::lock_guard lock(run.mutex);
    if (!run.cache_warned)
      util::warn("cannot write the intent cache in " + run.cache.directory() + ": " + stored.error());
    run.cache_warned = true;
  }
}

// The end of the unit's progress line: the verdict with its confidence, or why there is none.
std::string progress_text(const Candidate& c, const std::string& outcome_text) {
  std::string what = c.outcome == Outcome::answered ? outcome_text : c.note;
  if (c.verdict && c.outcome == Outcome::answered) {
    char confidence[16];
    std::snprintf(confidence, sizeof confidence, " (%.2f)", c.verdict->confidence);
    what += confidence;
  }
  return what;
}

// Asks the model about one unit: the request, and once more with a corrective message when the
// answer is not the JSON object.
void check_unit(CheckRun& run, Candidate& c) {
  if (run.stop) {
    c.outcome = Outcome::abandoned;
    c.note = "not sent: the LLM service failed earlier in this run";
    return;
  }
  llm::ChatRequest request = intent_request(c.prompt, run.config.llm.max_output_tokens, run.config.llm.temperature);
  std::vector<ExchangeTurn> turns;
  std::string outcome_text;
  for (int turn = 0; turn < 2; ++turn) {
    ExchangeTurn record;
    record.messages = request.messages;
    std::optional<llm::ChatResponse> answer;
    try {
      answer = llm::chat_within(run.budget, run.client, request);
    } catch (const llm::LlmError& error) {
      record.failed_wire = error.wire();
      record.error = error.what();
      turns.push_back(std::move(record));
      fail_unit(run, c, error);
      outcome_text = c.note;
      break;
    }
    if (!answer) {
      c.outcome = Outcome::no_budget;
      c.note = "not checked: " + run.budget.limit_description() + " reached";
      outcome_text = c.note;
      break;
    }
    llm::ChatResponse& response = *answer;
    run.any_answer = true;
    VerdictParse parse = parse_verdict(response.text);
    record.response = response;
    if (!parse.verdict) record.error = parse.problem;
    turns.push_back(std::move(record));
    if (parse.verdict) {
      c.outcome = Outcome::answered;
      c.verdict = checked_lines(*parse.verdict, c);
      outcome_text = std::string(to_string(c.verdict->verdict));
      store_verdict(run, c, *parse.verdict);
      break;
    }
    if (turn == 0) {
      request.messages.push_back({"assistant", response.text.empty() ? "(empty answer)" : response.text});
      request.messages.push_back({"user", corrective_prompt(parse.problem)});
      continue;
    }
    c.outcome = Outcome::malformed;
    c.verdict = ModelVerdict{Verdict::unclear, 0, {}};
    c.note = "unclear: the model's answer was not the requested JSON object (" + parse.problem + ")";
    outcome_text = c.note;
  }
  write_log(run, c, std::move(turns), outcome_text);
  report_progress(run, c, progress_text(c, outcome_text));
}

} // namespace

void ask_model(CheckRun& run, const std::vector<Candidate*>& queue, std::size_t from_cache, std::size_t total) {
  run.total = static_cast<int>(queue.size());
  if (queue.empty()) {
    util::progress("intent check: all " + util::plural(total, "unit", "units") + " answered from the cache");
    return;
  }
  int threads = std::clamp(run.config.llm.concurrency, 1, static_cast<int>(queue.size()));
  util::progress("intent check: asking " + run.client.model() + " about " +
                 util::plural(queue.size(), "unit", "units") +
                 (from_cache > 0 ? " (" + std::to_string(from_cache) + " more from the cache)" : "") + ", " +
                 std::to_string(threads) + " at a time");
  util::parallel_for(queue.size(), threads, [&](std::size_t i) {
    // Anything unexpected (out of memory, libcurl unable to start) fails the unit like a service
    // failure instead of ending the pool's batch.
    try {
      check_unit(run, *queue[i]);
    } catch (const std::exception& e) {
      record_failure(run, llm::LlmError(llm::LlmErrorKind::unavailable, e.what()));
      run.stop = true;
      queue[i]->outcome = Outcome::failed;
      queue[i]->note = std::string("not checked: ") + e.what();
    }
  });
}

} // namespace codegate::intent
