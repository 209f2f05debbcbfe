#include "intent/intent_check.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include "core/error.h"
#include "intent/cache.h"
#include "intent/docstring.h"
#include "intent/exchange_log.h"
#include "intent/intent_analyzer.h"
#include "intent/prompt.h"
#include "intent/unit_code.h"
#include "intent/unit_selection.h"
#include "intent/verdict_parser.h"
#include "llm/budget.h"
#include "llm/budgeted_call.h"
#include "llm/client.h"
#include "python/source_index.h"
#include "util/log.h"
#include "util/strings.h"
#include "util/thread_pool.h"

namespace codegate {
namespace {

using intent::ModelVerdict;
using intent::Verdict;

// Generated or vendored files of this size are no one's documented intent, and parsing them
// would hold up the stage.
constexpr std::size_t k_max_source_bytes = 2 * 1024 * 1024;

enum class Outcome {
  answered,  // the model gave a verdict (or the cache had one)
  malformed, // two answers that were not the JSON object: recorded as unclear
  no_budget, // llm.budget ran out before this unit
  failed,    // the service failed for this unit
  abandoned, // not sent: an earlier failure showed the service is unusable
};

// One unit on its way through the check.
struct Candidate {
  std::string path;
  const python::SourceIndex* index = nullptr;
  int unit = 0;
  intent::UnitCode code;
  intent::PromptUnit prompt;
  intent::CacheKey key;
  std::string base_plain; // the base version shown in the prompt (intent.context: unit+base); empty: none

  Outcome outcome = Outcome::abandoned;
  std::optional<ModelVerdict> verdict; // issue lines are file lines, already checked
  bool cached = false;
  std::string note;

  const python::SourceUnit& source_unit() const { return index->units[static_cast<std::size_t>(unit)]; }
};

// What the worker threads share.
struct Run {
  Run(llm::LlmClient& c, llm::Budget& b, const Config& conf, intent::VerdictCache& vc, intent::ExchangeLog* l)
      : client(c), budget(b), config(conf), cache(vc), log(l) {}

  llm::LlmClient& client;
  llm::Budget& budget;
  const Config& config;
  intent::VerdictCache& cache;
  intent::ExchangeLog* log = nullptr;

  std::atomic<bool> stop{false};
  std::atomic<bool> any_answer{false};
  std::atomic<int> finished{0};
  int total = 0;
  std::mutex mutex;
  std::string first_failure;
  bool auth_failure = false;
  bool cache_warned = false;
};

std::string confidence_word(double confidence) {
  if (confidence >= 0.8) return "HIGH";
  if (confidence >= 0.5) return "MEDIUM";
  return "LOW";
}

std::string plural(std::size_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string line_text(const std::vector<std::string>& lines, int line) {
  if (line < 1 || line > static_cast<int>(lines.size())) return "";
  return lines[static_cast<std::size_t>(line - 1)];
}

// Issue lines the model gives must point into what it was shown; anything else (a line outside
// the unit, a hallucinated number) is moved to the unit's own line.
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

// The cache keeps issue lines relative to the unit's first line so a moved unit still hits.
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

void report_progress(Run& run, const Candidate& c, const std::string& what) {
  int done = ++run.finished;
  util::progress("intent [" + std::to_string(done) + "/" + std::to_string(run.total) + "] " + c.path + ":" +
                 std::to_string(c.source_unit().line) + " " + c.prompt.description + ": " + what);
}

void record_failure(Run& run, const llm::LlmError& error) {
  std::lock_guard lock(run.mutex);
  if (run.first_failure.empty()) run.first_failure = error.what();
  if (error.kind() == llm::LlmErrorKind::auth) run.auth_failure = true;
}

void write_log(Run& run, const Candidate& c, std::vector<intent::ExchangeTurn> turns, const std::string& outcome) {
  if (run.log == nullptr) return;
  intent::ExchangeRecord record;
  record.provider = run.client.provider();
  record.model = run.client.model();
  record.endpoint = run.client.endpoint();
  record.path = c.path;
  record.unit = c.prompt.description;
  record.first_line = c.prompt.first_line;
  record.last_line = c.prompt.last_line;
  record.cached = c.cached;
  if (!c.cached) record.system = intent::system_prompt();
  record.turns = std::move(turns);
  record.verdict = c.verdict;
  record.outcome = outcome;
  if (auto written = run.log->write(record); !written) util::warn("cannot write the exchange log: " + written.error());
}

// Asks the model about one unit: the request, and once more with a corrective message when the
// answer is not the JSON object.
void check_unit(Run& run, Candidate& c) {
  if (run.stop) {
    c.outcome = Outcome::abandoned;
    c.note = "not sent: the LLM service failed earlier in this run";
    return;
  }
  llm::ChatRequest request =
      intent::intent_request(c.prompt, run.config.llm.max_output_tokens, run.config.llm.temperature);
  std::vector<intent::ExchangeTurn> turns;
  std::string outcome_text;
  for (int turn = 0; turn < 2; ++turn) {
    intent::ExchangeTurn record;
    record.messages = request.messages;
    std::optional<llm::ChatResponse> answer;
    try {
      answer = llm::chat_within(run.budget, run.client, request);
    } catch (const llm::LlmError& error) {
      record.failed_wire = error.wire();
      record.error = error.what();
      turns.push_back(std::move(record));
      record_failure(run, error);
      // A refused key or an unreachable service fails every later unit the same way; a request
      // refused before anything succeeded (unknown model, wrong path) most likely does too.
      if (error.kind() != llm::LlmErrorKind::rejected || !run.any_answer) run.stop = true;
      c.outcome = Outcome::failed;
      c.note = std::string("not checked: ") + error.what();
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
    intent::VerdictParse parse = intent::parse_verdict(response.text);
    record.response = response;
    if (!parse.verdict) record.error = parse.problem;
    turns.push_back(std::move(record));
    if (parse.verdict) {
      c.outcome = Outcome::answered;
      c.verdict = checked_lines(*parse.verdict, c);
      outcome_text = std::string(to_string(c.verdict->verdict));
      if (auto stored = run.cache.store(c.key, to_relative(*parse.verdict, c.source_unit().start_line)); !stored) {
        std::lock_guard lock(run.mutex);
        if (!run.cache_warned)
          util::warn("cannot write the intent cache in " + run.cache.directory() + ": " + stored.error());
        run.cache_warned = true;
      }
      break;
    }
    if (turn == 0) {
      request.messages.push_back({"assistant", response.text.empty() ? "(empty answer)" : response.text});
      request.messages.push_back({"user", intent::corrective_prompt(parse.problem)});
      continue;
    }
    c.outcome = Outcome::malformed;
    c.verdict = ModelVerdict{Verdict::unclear, 0, {}};
    c.note = "unclear: the model's answer was not the requested JSON object (" + parse.problem + ")";
    outcome_text = c.note;
  }
  write_log(run, c, std::move(turns), outcome_text);
  std::string what = c.outcome == Outcome::answered ? outcome_text : c.note;
  if (c.verdict && c.outcome == Outcome::answered) {
    char confidence[16];
    std::snprintf(confidence, sizeof confidence, " (%.2f)", c.verdict->confidence);
    what += confidence;
  }
  report_progress(run, c, what);
}

Finding mismatch_finding(const Candidate& c, const intent::VerdictIssue& issue, const std::vector<std::string>& lines,
                         double confidence) {
  Finding f;
  f.tool = k_own_tool;
  f.rule_id = "intent-mismatch";
  f.rule_name = "code-contradicts-docstring";
  f.level = Level::warning;
  f.tool_severity = to_string(Verdict::inconsistent);
  f.confidence = confidence_word(confidence);
  f.path = c.path;
  // Without a line from the model the finding is about the whole unit, so its region is the unit.
  f.line = issue.line != 0 ? issue.line : c.source_unit().line;
  if (issue.line == 0) f.end_line = c.source_unit().end_line;
  f.message = issue.explanation.empty() ? "The " + c.prompt.description +
                                              " does not do what its docstring says (the model gave no explanation)."
                                        : issue.explanation;
  f.snippet = line_text(lines, f.line);
  return f;
}

Finding missing_docstring_finding(const std::string& path, const python::SourceIndex& index,
                                  const python::SourceUnit& unit, const std::vector<std::string>& lines,
                                  DocstringPolicy policy) {
  Finding f;
  f.tool = k_own_tool;
  f.rule_id = "missing-docstring";
  f.rule_name = "missing-docstring";
  f.level = Level::note;
  f.tool_severity = "note";
  f.path = path;
  f.line = unit.line;
  f.end_line = unit.end_line; // about the whole unit: reported when any of its lines changed
  std::string what = index.describe(unit);
  if (policy == DocstringPolicy::public_units) what = "public " + what;
  f.message = "The " + what + " changed and has no docstring, so the intent check cannot compare it with its purpose.";
  f.snippet = line_text(lines, f.line);
  return f;
}

std::string disabled_note() { return "intent check skipped: turned off (--no-llm or intent.enabled: false)"; }

void mark_skipped(IntentOutput& out, const std::string& reason) {
  out.run.status = ToolStatus::skipped;
  out.run.version.clear(); // like every skipped tool: nothing ran
  out.run.note = reason;
}

// The client the check asks: the caller's, or one made from the configuration. None (with the
// reason) when the check is turned off or no LLM is configured.
struct ClientChoice {
  std::unique_ptr<llm::LlmClient> owned;
  llm::LlmClient* client = nullptr;
  std::string skip_reason;
};

ClientChoice choose_client(const Config& config, const IntentServices& services) {
  ClientChoice choice;
  if (!config.intent.enabled) {
    choice.skip_reason = disabled_note();
  } else if (services.client != nullptr) {
    choice.client = services.client;
  } else {
    auto setup = llm::make_llm_client(config, services.env);
    for (const auto& warning : setup.warnings) util::warn(warning);
    choice.owned = std::move(setup.client);
    choice.client = choice.owned.get();
    choice.skip_reason = setup.reason;
  }
  return choice;
}

// The files the check reads, as valid UTF-8 and as lines; a file too large is left out with a note.
struct Texts {
  std::map<std::string, std::string> sources;
  std::map<std::string, std::vector<std::string>> lines;
};

Texts readable_texts(const std::map<std::string, std::string>& input, std::vector<std::string>& notes) {
  Texts texts;
  for (const auto& [path, content] : input) {
    if (content.size() > k_max_source_bytes) {
      notes.push_back(path + ": skipped by the intent check: larger than " +
                      std::to_string(k_max_source_bytes / (1024 * 1024)) + " MiB");
      continue;
    }
    texts.sources[path] = util::to_valid_utf8(content);
    auto& lines = texts.lines[path];
    for (auto line : util::split_lines(texts.sources[path])) lines.emplace_back(line);
  }
  return texts;
}

Candidate make_candidate(const python::SourceIndex& index, int unit, const std::vector<std::string>& lines,
                         const Config& config, std::vector<std::string>& notes) {
  Candidate c;
  c.path = index.path;
  c.index = &index;
  c.unit = unit;
  const auto& u = c.source_unit();
  c.code = intent::unit_code(lines, index, unit, config.intent.max_unit_chars);
  c.prompt.path = index.path;
  c.prompt.description = index.describe(u);
  c.prompt.first_line = u.start_line;
  c.prompt.last_line = std::min(u.end_line, std::max(1, static_cast<int>(lines.size())));
  c.prompt.docstring = intent::parse_docstring(*u.docstring);
  c.prompt.numbered_code = c.code.numbered;
  c.prompt.cut = c.code.cut;
  if (c.code.cut) { // a note only when a model is asked (run_intent_check)
    notes.push_back(index.path + ":" + std::to_string(u.line) + ": " + c.prompt.description + " was cut to " +
                    std::to_string(config.intent.max_unit_chars) +
                    " characters for the intent check (intent.max_unit_chars)");
  }
  return c;
}

// Units to ask about, in path and line order; the missing-docstring findings go into `out`.
std::vector<Candidate> select_candidates(const std::vector<python::SourceIndex>& indexes, const IntentInput& input,
                                         Texts& texts, IntentOutput& out, std::vector<std::string>& cut_notes) {
  const Config& config = input.config;
  DocstringPolicy policy = config.intent.require_docstrings;
  std::vector<Candidate> candidates;
  for (const auto& index : indexes) {
    const auto& lines = texts.lines[index.path];
    if (!index.ok) {
      std::string where = index.error_line > 0 ? " at line " + std::to_string(index.error_line) : "";
      out.notes.push_back(index.path + ": skipped by the intent check: " + index.error + where);
      continue;
    }
    const ChangedFile* changed = input.changes.find(index.path);
    std::set<int> touched;
    if (changed != nullptr) {
      touched = intent::touched_lines(*changed, static_cast<int>(lines.size()));
    } else {
      for (int line = 1; line <= static_cast<int>(lines.size()); ++line) touched.insert(line);
    }
    auto selection = intent::select_units(index, touched, policy);
    for (int unit : selection.missing_docstring) {
      const auto& u = index.units[static_cast<std::size_t>(unit)];
      out.findings.push_back(missing_docstring_finding(index.path, index, u, lines, policy));
      out.missing_docstrings.push_back(index.path + ":" + std::to_string(u.line) + " " + u.qualified_name);
    }
    for (int unit : selection.to_check) candidates.push_back(make_candidate(index, unit, lines, config, cut_notes));
  }
  return candidates;
}

// intent.context: unit+base: a changed unit that existed at the base (same kind and qualified
// name) with the same docstring is shown with its base version as well. A unit whose docstring
// changed with it, or whose code did not change, is shown alone.
void add_base_context(std::vector<Candidate>& candidates, const IntentInput& input, std::vector<std::string>& notes) {
  if (input.config.intent.context != IntentContext::unit_and_base || input.base_sources == nullptr) return;
  std::map<std::string, std::string> wanted;
  for (const auto& c : candidates) {
    auto it = input.base_sources->find(c.path);
    if (it != input.base_sources->end() && it->second.size() <= k_max_source_bytes)
      wanted[c.path] = util::to_valid_utf8(it->second);
  }
  if (wanted.empty()) return;
  std::vector<python::SourceIndex> bases;
  try {
    bases = python::index_python_sources(wanted);
  } catch (const ToolError& error) {
    notes.push_back(std::string("intent check: base versions not shown: ") + error.what());
    return;
  }
  for (const auto& base : bases) {
    if (!base.ok) continue;
    std::vector<std::string> lines;
    for (auto line : util::split_lines(wanted[base.path])) lines.emplace_back(line);
    for (auto& c : candidates) {
      if (c.path != base.path) continue;
      const auto& now = c.source_unit();
      for (std::size_t u = 0; u < base.units.size(); ++u) {
        const auto& old = base.units[u];
        if (old.kind != now.kind || old.qualified_name != now.qualified_name || old.docstring != now.docstring) continue;
        intent::UnitCode code = intent::unit_code(lines, base, static_cast<int>(u), input.config.intent.max_unit_chars);
        if (code.plain != c.code.plain) {
          c.base_plain = code.plain;
          c.prompt.base_numbered_code = code.numbered;
        }
        break;
      }
    }
  }
}

// Verdicts the cache has; the other candidates are returned, to be asked.
std::vector<Candidate*> answer_from_cache(Run& run, std::vector<Candidate>& candidates) {
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

// Asks the model about every queued unit, llm.concurrency at a time.
void ask_model(Run& run, const std::vector<Candidate*>& queue, std::size_t from_cache, std::size_t total) {
  run.total = static_cast<int>(queue.size());
  if (queue.empty()) {
    util::progress("intent check: all " + plural(total, "unit", "units") + " answered from the cache");
    return;
  }
  int threads = std::clamp(run.config.llm.concurrency, 1, static_cast<int>(queue.size()));
  util::progress("intent check: asking " + run.client.model() + " about " + plural(queue.size(), "unit", "units") +
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

// How the units came out, counted for the summary and the notes.
struct Tally {
  std::size_t consistent = 0, inconsistent = 0, unclear = 0, malformed = 0, no_budget = 0, not_checked = 0;
};

// Findings and unit results, in the candidates' (path, line) order whatever order threads finished.
Tally collect_results(const std::vector<Candidate>& candidates, Texts& texts, IntentOutput& out) {
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
        case Verdict::inconsistent: {
          ++tally.inconsistent;
          const auto& lines = texts.lines[c.path];
          std::set<std::pair<int, std::string>> seen;
          std::vector<intent::VerdictIssue> issues = c.verdict->issues;
          if (issues.empty()) issues.push_back({0, ""});
          for (const auto& issue : issues) {
            Finding f = mismatch_finding(c, issue, lines, c.verdict->confidence);
            if (seen.insert({f.line, f.message}).second) out.findings.push_back(std::move(f));
          }
          break;
        }
      }
    }
    if (c.outcome == Outcome::malformed) ++tally.malformed;
    if (c.outcome == Outcome::no_budget) ++tally.no_budget;
    if (c.outcome == Outcome::failed || c.outcome == Outcome::abandoned) ++tally.not_checked;
    out.units.push_back(std::move(result));
  }
  return tally;
}

// The run's note and status from the tally. Throws ToolError when units went unchecked under llm.strict.
void finish(IntentOutput& out, const Tally& tally, std::size_t units, std::size_t from_cache, Run& run) {
  std::string summary = plural(units, "unit", "units") + " checked with " + run.client.model() + ": " +
                        std::to_string(tally.inconsistent) + " inconsistent, " + std::to_string(tally.consistent) +
                        " consistent, " + std::to_string(tally.unclear) + " unclear";
  if (from_cache > 0) summary += " (" + std::to_string(from_cache) + " from the cache)";
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
      throw ToolError(note + "; under llm.strict with intent.fail_on: inconsistent an unchecked unit cannot pass. "
                             "Raise the budget (llm.budget) or split the change.");
    }
    out.notes.push_back(note);
  }
  util::debug("intent check: " + run.budget.summary());

  if (tally.not_checked > 0) {
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
    return;
  }
  out.run.note = summary;
}

} // namespace

IntentOutput run_intent_check(const IntentInput& input) { return run_intent_check(input, IntentServices{}); }

IntentOutput run_intent_check(const IntentInput& input, const IntentServices& services) {
  const Config& config = input.config;
  IntentOutput out;
  out.run.name = std::string(k_intent_tool);
  out.run.version = CODEGATE_VERSION;
  out.run.status = ToolStatus::ok;

  // The client first: without one only the docstring requirement is left to check.
  ClientChoice chosen = choose_client(config, services);
  llm::LlmClient* client = chosen.client;
  if (client == nullptr && config.intent.require_docstrings == DocstringPolicy::none) {
    mark_skipped(out, chosen.skip_reason);
    return out;
  }

  Texts texts = readable_texts(input.sources, out.notes);
  std::vector<python::SourceIndex> indexes;
  try {
    indexes = python::index_python_sources(texts.sources);
  } catch (const ToolError& error) {
    if (config.llm.strict && client != nullptr) throw;
    out.run.status = ToolStatus::unavailable;
    out.run.note = std::string("intent check unavailable: ") + error.what();
    out.notes.push_back(out.run.note);
    return out;
  }

  std::vector<std::string> cut_notes; // what the prompts leave out: nothing to say when no model is asked
  std::vector<Candidate> candidates = select_candidates(indexes, input, texts, out, cut_notes);
  if (client == nullptr) {
    mark_skipped(out, chosen.skip_reason);
    for (const auto& c : candidates) {
      out.units.push_back({c.path, c.prompt.description, c.source_unit().line, c.source_unit().end_line,
                           Verdict::unchecked, 0, false, chosen.skip_reason});
    }
    return out;
  }
  if (candidates.empty()) {
    out.run.note = "no changed function, class or module with a docstring";
    return out;
  }
  out.notes.insert(out.notes.end(), cut_notes.begin(), cut_notes.end());
  add_base_context(candidates, input, out.notes);

  std::string cache_dir =
      config.intent.cache_dir.empty() ? intent::VerdictCache::default_directory(services.env) : config.intent.cache_dir;
  intent::VerdictCache cache(cache_dir);
  std::unique_ptr<llm::Budget> owned_budget;
  llm::Budget* budget = services.budget;
  if (budget == nullptr) {
    owned_budget = std::make_unique<llm::Budget>(config.llm.budget_calls, config.llm.budget_input_tokens);
    budget = owned_budget.get();
  }
  std::unique_ptr<intent::ExchangeLog> log;
  if (!input.log_dir.empty()) {
    log = std::make_unique<intent::ExchangeLog>(input.log_dir,
                                                [client](std::string text) { return client->redact(std::move(text)); });
  }

  Run run(*client, *budget, config, cache, log.get());
  std::vector<Candidate*> queue = answer_from_cache(run, candidates);
  std::size_t from_cache = candidates.size() - queue.size();
  ask_model(run, queue, from_cache, candidates.size());
  Tally tally = collect_results(candidates, texts, out);
  finish(out, tally, candidates.size(), from_cache, run);
  return out;
}

} // namespace codegate
