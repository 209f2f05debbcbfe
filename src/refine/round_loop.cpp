#include "refine/round_loop.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "core/error.h"
#include "git/buffer_diff.h"
#include "llm/budget.h"
#include "llm/budgeted_call.h"
#include "llm/client.h"
#include "python/source_index.h"
#include "refine/answer.h"
#include "refine/candidate_checks.h"
#include "refine/comparison.h"
#include "refine/prompt.h"
#include "refine/refine_log.h"
#include "util/log.h"
#include "util/thread_pool.h"

namespace codegate::refine {
namespace {

// A few examples teach the pattern; more would crowd the file out of the prompt.
constexpr int k_examples_per_rule = 2;
constexpr std::size_t k_max_examples = 4;
// The answer holds the whole file. Most models cap their output near this; a file that needs
// more is too large to rewrite in one answer anyway.
constexpr int k_max_answer_tokens = 16384;

// What one round produced for one file.
struct Attempt {
  FileState* state = nullptr;
  RoundRecord record;
  std::optional<std::string> candidate;
  std::string rejection; // set: the candidate is dropped, and why
};

struct Loop {
  Verifier& verifier;
  llm::LlmClient& client;
  llm::Budget& budget; // repair prompts and the candidates' intent checks draw on it
  const KnowledgeBase& knowledge;
  const RoundSettings& settings;
  std::atomic<bool> stop{false};
  std::string stop_reason;
  std::mutex mutex;
};

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Code takes about three characters a token; the answer must have room for the largest
// candidate the size check would still accept.
int answer_tokens(const std::string& content, const RoundSettings& settings) {
  auto needed = static_cast<long>(size_limit(content.size(), settings.refine.max_growth) / 3 + 256);
  long floor = std::min<long>(settings.llm.max_output_tokens, k_max_answer_tokens);
  return static_cast<int>(std::clamp<long>(needed, floor, k_max_answer_tokens));
}

std::vector<KnowledgeEntry> examples_for(const std::vector<Finding>& findings, const KnowledgeBase& knowledge,
                                         const std::string& task) {
  std::vector<KnowledgeEntry> out;
  std::set<std::string> ids;
  for (const auto& f : findings) {
    for (auto& entry : knowledge.similar(qualified_rule(f), f.snippet, k_examples_per_rule, task)) {
      if (out.size() >= k_max_examples) return out;
      if (ids.insert(entry.id).second) out.push_back(std::move(entry));
    }
  }
  return out;
}

void stop_loop(Loop& loop, const std::string& reason) {
  std::lock_guard lock(loop.mutex);
  if (!loop.stop.exchange(true)) loop.stop_reason = reason;
}

// Asks the model for one file's revision.
void ask(Loop& loop, Attempt& attempt, int round) {
  FileState& s = *attempt.state;
  auto& record = attempt.record;
  record.path = s.path;
  record.round = round;
  record.provider = loop.client.provider();
  record.model = loop.client.model();
  record.endpoint = loop.client.endpoint();

  RepairPrompt prompt;
  prompt.path = s.path;
  prompt.content = s.best;
  prompt.round = round;
  prompt.max_rounds = loop.settings.refine.max_rounds;
  prompt.docstrings = s.docstrings;
  prompt.findings = s.open_targets();
  prompt.previous = s.previous;
  prompt.examples = examples_for(prompt.findings, loop.knowledge, loop.settings.task);
  prompt.task = loop.settings.task;
  if (loop.settings.reflect && !loop.stop) prompt.reflection = loop.settings.reflect(s, prompt.findings, round);
  llm::ChatRequest request =
      repair_request(prompt, answer_tokens(s.best, loop.settings), loop.settings.llm.temperature);
  record.system = request.system;
  record.messages = request.messages;

  if (loop.stop) {
    record.outcome = "not sent";
    attempt.rejection = "not sent: " + loop.stop_reason;
    return;
  }
  std::optional<llm::ChatResponse> answer;
  try {
    answer = llm::chat_within(loop.budget, loop.client, request);
  } catch (const llm::LlmError& error) {
    record.outcome = "failed";
    record.error = error.what();
    record.failed_wire = error.wire();
    attempt.rejection = std::string("the model could not be asked: ") + error.what();
    // A refused key or an unreachable service fails every later request the same way.
    if (error.kind() != llm::LlmErrorKind::rejected) stop_loop(loop, std::string("the LLM failed: ") + error.what());
    return;
  }
  if (!answer) {
    record.outcome = "not sent";
    attempt.rejection = "not sent: " + loop.budget.limit_description() + " reached";
    stop_loop(loop, loop.budget.limit_description() + " reached");
    return;
  }
  const llm::ChatResponse& response = *answer;
  record.response = response;
  if (response.truncated) {
    attempt.rejection =
        "the answer was cut off at the output limit of " + std::to_string(request.max_tokens) + " tokens";
    return;
  }
  ExtractedRevision revision = extract_revision(response.text, s.path);
  if (!revision.code) {
    attempt.rejection = revision.problem;
    return;
  }
  attempt.candidate = normalise_candidate(*revision.code, s.original);
}

// The checks that need no analyzer: unchanged, size, syntax, docstrings.
void precheck(Loop& loop, std::vector<Attempt>& attempts) {
  std::map<std::string, std::string> to_index;
  for (auto& a : attempts) {
    if (!a.candidate) continue;
    if (*a.candidate == a.state->best) {
      a.rejection = "it changes nothing";
    } else if (auto problem =
                   size_problem(a.state->original.size(), a.candidate->size(), loop.settings.refine.max_growth);
               !problem.empty()) {
      a.rejection = problem;
    } else {
      to_index.emplace(a.state->path, *a.candidate);
    }
  }
  if (to_index.empty()) return;
  // Parsed by the interpreter's own parser, the code on stdin: never run, never an argument.
  std::vector<python::SourceIndex> indexes;
  try {
    indexes = python::index_python_sources(to_index);
  } catch (const ToolError& e) {
    for (auto& a : attempts)
      if (a.candidate && a.rejection.empty()) a.rejection = std::string("it could not be parsed: ") + e.what();
    return;
  }
  for (auto& a : attempts) {
    if (!a.candidate || !a.rejection.empty()) continue;
    auto index = std::find_if(indexes.begin(), indexes.end(),
                              [&](const python::SourceIndex& i) { return i.path == a.state->path; });
    if (index == indexes.end()) {
      a.rejection = "it could not be parsed";
    } else if (!index->ok) {
      a.rejection = "it does not parse: " + index->error +
                    (index->error_line > 0 ? " (line " + std::to_string(index->error_line) + ")" : "");
    } else if (auto problem = docstring_problem(a.state->original_index, *index); !problem.empty()) {
      a.rejection = problem;
    }
  }
}

// The failing findings of each candidate. LLM output may add findings but never remove one: when
// the intent check could not run on the candidates, their earlier intent findings are carried
// over rather than counted as fixed.
std::map<std::string, std::vector<Finding>> verify(Loop& loop, const std::vector<Attempt*>& verified, int round) {
  std::map<std::string, std::string> files;
  for (const Attempt* a : verified) files.emplace(a->state->path, *a->candidate);
  Verification verification = loop.verifier.verify(files, "refine-round-" + std::to_string(round));
  std::map<std::string, std::vector<Finding>> failing;
  for (const Attempt* a : verified) failing[a->state->path] = std::move(verification.failing[a->state->path]);
  if (loop.settings.original_intent_status == ToolStatus::ok && verification.intent_status != ToolStatus::ok) {
    for (const Attempt* a : verified)
      for (const auto& f : a->state->failing)
        if (is_own_finding(f)) failing[a->state->path].push_back(f);
  }
  return failing;
}

std::string outcome_text(const Comparison& c) {
  std::string text = "removes " + plural(c.removed.size(), "failing finding", "failing findings") + ": ";
  for (std::size_t i = 0; i < c.removed.size(); ++i) text += (i ? "; " : "") + describe_finding(c.removed[i]);
  return text;
}

void run_round(Loop& loop, std::vector<FileState*>& active, int round) {
  util::progress("refine round " + std::to_string(round) + "/" + std::to_string(loop.settings.refine.max_rounds) +
                 ": asking the model to revise " + plural(active.size(), "file", "files"));
  std::vector<Attempt> attempts(active.size());
  for (std::size_t i = 0; i < active.size(); ++i) attempts[i].state = active[i];

  // The model is asked about the files concurrently, as many at once as llm.concurrency allows.
  util::parallel_for(attempts.size(), loop.settings.llm.concurrency,
                     [&](std::size_t i) { ask(loop, attempts[i], round); });
  precheck(loop, attempts);

  std::vector<Attempt*> verified;
  for (auto& a : attempts)
    if (a.candidate && a.rejection.empty()) verified.push_back(&a);
  std::map<std::string, std::vector<Finding>> failing;
  if (!verified.empty()) {
    try {
      failing = verify(loop, verified, round);
    } catch (const ToolError& e) {
      for (Attempt* a : verified) a->rejection = std::string("it could not be verified: ") + e.what();
      stop_loop(loop, std::string("an analyzer failed on a candidate: ") + e.what());
    }
  }

  for (auto& a : attempts) {
    FileState& s = *a.state;
    std::string given = s.best;
    if (a.candidate) a.record.candidate_diff = git::unified_patch(s.path, given, *a.candidate);
    if (a.rejection.empty() && a.candidate) {
      Comparison c = compare_failing(s.failing, failing[s.path], s.targets);
      a.record.removed = c.removed;
      a.record.introduced = c.introduced;
      if (!c.better) {
        a.rejection = c.reason;
      } else {
        for (const auto& f : c.removed)
          if (s.removed_in.count(f.fingerprint) == 0) s.removed_in[f.fingerprint] = round;
        s.best = *a.candidate;
        s.best_round = round;
        s.failing = failing[s.path];
        a.record.outcome = "accepted";
        a.record.reason = outcome_text(c);
        s.previous = PreviousAttempt{round, true, "accepted: it " + outcome_text(c), a.record.candidate_diff};
        util::progress("refine " + s.path + " round " + std::to_string(round) + ": accepted, " + outcome_text(c));
      }
    }
    if (!a.rejection.empty()) {
      if (a.record.outcome.empty()) a.record.outcome = "rejected";
      a.record.reason = a.rejection;
      s.last_rejection = a.rejection;
      s.previous = PreviousAttempt{round, false, "rejected: " + a.rejection, a.record.candidate_diff};
      util::progress("refine " + s.path + " round " + std::to_string(round) + ": " + a.record.outcome + ": " +
                     a.rejection);
    }
    a.record.still_open = s.open_targets();
    if (loop.settings.observe) {
      auto verified_failing = failing.find(s.path);
      loop.settings.observe(a.record, a.candidate,
                            verified_failing == failing.end() ? nullptr : &verified_failing->second);
    }
    if (!loop.settings.log_dir.empty()) {
      auto written = write_round_record(loop.settings.log_dir, a.record,
                                        [&](std::string text) { return loop.client.redact(std::move(text)); });
      if (!written) util::warn("cannot write the refine log: " + written.error());
    }
  }
}

} // namespace

RoundsOutcome run_rounds(std::vector<std::unique_ptr<FileState>>& states, Verifier& verifier, llm::LlmClient& client,
                         llm::Budget& budget, const KnowledgeBase& knowledge, const RoundSettings& settings) {
  Loop loop{verifier, client, budget, knowledge, settings, {}, {}, {}};
  RoundsOutcome outcome;
  int max_rounds = std::clamp(settings.refine.max_rounds, 1, 10);
  for (int round = std::max(1, settings.first_round); round <= max_rounds && !loop.stop; ++round) {
    std::vector<FileState*> active;
    for (auto& s : states)
      if (!s->open_targets().empty()) active.push_back(s.get());
    if (active.empty()) break;
    outcome.rounds_run = round;
    run_round(loop, active, round);
  }
  outcome.stopped = loop.stop;
  outcome.stop_reason = loop.stop_reason;
  return outcome;
}

} // namespace codegate::refine
