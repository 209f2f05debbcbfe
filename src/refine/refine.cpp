#include "refine/refine.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include "core/error.h"
#include "filter/diff_filter.h"
#include "gate/verdict.h"
#include "git/buffer_diff.h"
#include "git/commit.h"
#include "intent/cache.h"
#include "llm/budget.h"
#include "llm/client.h"
#include "pipeline/analysis.h"
#include "pipeline/baseline.h"
#include "python/source_index.h"
#include "refine/answer.h"
#include "refine/candidate_checks.h"
#include "refine/comparison.h"
#include "refine/delivery.h"
#include "refine/knowledge.h"
#include "refine/prompt.h"
#include "refine/refine_log.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate {
namespace {

using refine::Comparison;
using refine::KnowledgeBase;
using refine::KnowledgeEntry;

// A few examples teach the pattern; more would crowd the file out of the prompt.
constexpr int k_examples_per_rule = 2;
constexpr std::size_t k_max_examples = 4;
// The answer holds the whole file. Most models cap their output near this; a file that needs
// more is too large to rewrite in one answer anyway.
constexpr int k_max_answer_tokens = 16384;
constexpr std::string_view k_default_knowledge = ".codegate/knowledge.jsonl";

// The analysed revision with some files replaced by candidates, so a candidate is analysed with
// exactly the neighbours (imports) the original was.
class OverlaySnapshot : public git::Snapshot {
public:
  OverlaySnapshot(const git::Snapshot& base, const std::map<std::string, std::string>& overlay)
      : base_(base), overlay_(overlay) {}
  std::optional<std::string> read(const std::string& path) const override {
    auto it = overlay_.find(path);
    if (it != overlay_.end()) return it->second;
    return base_.read(path);
  }
  std::vector<std::string> list_files() const override { return base_.list_files(); }
  std::string describe() const override { return base_.describe() + " with refine candidates"; }

private:
  const git::Snapshot& base_;
  const std::map<std::string, std::string>& overlay_;
};

// One file on its way through the loop.
struct FileState {
  std::string path;
  std::string old_path;
  std::optional<std::string> base_text; // at the base revision: the candidate's diff starts here
  std::string original;
  python::SourceIndex original_index;
  std::vector<refine::PromptDocstring> docstrings;

  std::string best;                      // the best revision so far (the original at first)
  int best_round = 0;                    // 0: nothing accepted
  std::vector<Finding> failing;          // the failing findings of `best`
  std::set<std::string> targets;         // fingerprints (in the original) the loop must remove
  std::map<std::string, int> removed_in; // fingerprint of an original failing finding -> round
  std::optional<refine::PreviousAttempt> previous;
  std::string last_rejection;

  std::vector<Finding> open_targets() const {
    std::vector<Finding> out;
    for (const auto& f : failing)
      if (targets.count(f.fingerprint) != 0) out.push_back(f);
    return out;
  }
};

// What one round produced for one file.
struct Attempt {
  FileState* state = nullptr;
  refine::RoundRecord record;
  std::optional<std::string> candidate;
  std::string rejection; // set: the candidate is dropped, and why
};

struct Loop {
  Loop(const RefineContext& ctx, const Config& conf, llm::LlmClient& c, KnowledgeBase& k, std::string intent_status)
      : context(ctx),
        config(conf),
        client(c),
        owned_budget(conf.llm.budget_calls, conf.llm.budget_input_tokens),
        budget(ctx.budget != nullptr ? *ctx.budget : owned_budget),
        knowledge(k),
        original_intent_status(std::move(intent_status)) {}

  const RefineContext& context;
  const Config& config;
  llm::LlmClient& client;
  llm::Budget owned_budget; // used only when the run did not pass its own
  llm::Budget& budget;      // repair prompts and the candidates' intent checks draw on it
  KnowledgeBase& knowledge;
  std::string original_intent_status; // the intent check's status on the analysed revision
  std::atomic<bool> stop{false};
  std::string stop_reason;
  std::mutex mutex;
};

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A file too large to analyse is not one the loop could re-verify either.
bool targeted_tool(const Finding& f, const RefineConfig& config) {
  return !is_not_analysed(f) && std::find(config.tools.begin(), config.tools.end(), f.tool) != config.tools.end();
}

// Relative knowledge paths resolve against the repository root locally. In CI they resolve
// against the cache directory: there the checkout is the pull request's, and a knowledge file
// it carried would put its author's words into the repair prompts.
std::string knowledge_path(const RefineContext& context, const Config& config) {
  const std::string& configured = config.refine.knowledge;
  if (configured.empty() || config.refine.knowledge_max_entries == 0) return "";
  if (configured.front() == '/') return configured;
  if (!context.options.in_ci) return context.repo.workdir() + configured;
  std::string cache =
      config.intent.cache_dir.empty() ? intent::VerdictCache::default_directory() : config.intent.cache_dir;
  if (cache.empty()) return "";
  std::string relative = configured == k_default_knowledge ? "knowledge.jsonl" : configured;
  return cache + "/" + relative;
}

std::string patch_path(const Config& config) {
  std::string path = config.refine.patch_file.empty() ? "codegate.patch" : config.refine.patch_file;
  return std::filesystem::absolute(path).lexically_normal().string();
}

long estimated_tokens(const llm::ChatRequest& request) {
  std::size_t chars = request.system.size();
  for (const auto& message : request.messages) chars += message.content.size();
  return static_cast<long>((chars + 3) / 4);
}

// Code takes about three characters a token; the answer must have room for the largest
// candidate the size check would still accept.
int answer_tokens(const std::string& content, const Config& config) {
  auto needed = static_cast<long>(refine::size_limit(content.size(), config.refine.max_growth) / 3 + 256);
  long floor = std::min<long>(config.llm.max_output_tokens, k_max_answer_tokens);
  return static_cast<int>(std::clamp<long>(needed, floor, k_max_answer_tokens));
}

std::vector<KnowledgeEntry> examples_for(const std::vector<Finding>& findings, const KnowledgeBase& knowledge) {
  std::vector<KnowledgeEntry> out;
  std::set<std::string> ids;
  for (const auto& f : findings) {
    for (auto& entry : knowledge.similar(qualified_rule(f), f.snippet, k_examples_per_rule)) {
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

  refine::RepairPrompt prompt;
  prompt.path = s.path;
  prompt.content = s.best;
  prompt.round = round;
  prompt.max_rounds = loop.config.refine.max_rounds;
  prompt.docstrings = s.docstrings;
  prompt.findings = s.open_targets();
  prompt.previous = s.previous;
  prompt.examples = examples_for(prompt.findings, loop.knowledge);
  llm::ChatRequest request =
      refine::repair_request(prompt, answer_tokens(s.best, loop.config), loop.config.llm.temperature);
  record.system = request.system;
  record.messages = request.messages;

  if (loop.stop) {
    record.outcome = "not sent";
    attempt.rejection = "not sent: " + loop.stop_reason;
    return;
  }
  long estimate = estimated_tokens(request);
  if (!loop.budget.try_reserve(estimate)) {
    record.outcome = "not sent";
    attempt.rejection = "not sent: " + loop.budget.limit_description() + " reached";
    stop_loop(loop, loop.budget.limit_description() + " reached");
    return;
  }
  llm::ChatResponse response;
  try {
    response = loop.client.chat(request);
  } catch (const llm::LlmError& error) {
    record.outcome = "failed";
    record.error = error.what();
    record.failed_wire = error.wire();
    attempt.rejection = std::string("the model could not be asked: ") + error.what();
    // A refused key or an unreachable service fails every later request the same way.
    if (error.kind() != llm::LlmErrorKind::rejected) stop_loop(loop, std::string("the LLM failed: ") + error.what());
    return;
  }
  loop.budget.settle(estimate, response.input_tokens, response.output_tokens);
  record.response = response;
  if (response.truncated) {
    attempt.rejection =
        "the answer was cut off at the output limit of " + std::to_string(request.max_tokens) + " tokens";
    return;
  }
  refine::ExtractedRevision revision = refine::extract_revision(response.text, s.path);
  if (!revision.code) {
    attempt.rejection = revision.problem;
    return;
  }
  attempt.candidate = refine::normalise_candidate(*revision.code, s.original);
}

// The checks that need no analyzer: unchanged, size, syntax, docstrings.
void precheck(Loop& loop, std::vector<Attempt>& attempts) {
  std::map<std::string, std::string> to_index;
  for (auto& a : attempts) {
    if (!a.candidate) continue;
    if (*a.candidate == a.state->best) {
      a.rejection = "it changes nothing";
    } else if (auto problem =
                   refine::size_problem(a.state->original.size(), a.candidate->size(), loop.config.refine.max_growth);
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
    } else if (auto problem = refine::docstring_problem(a.state->original_index, *index); !problem.empty()) {
      a.rejection = problem;
    }
  }
}

// The failing findings of each candidate under the same analyzers, filter and gate as the
// original, with the diff the candidate would make against the base.
std::map<std::string, std::vector<Finding>> verify(Loop& loop, std::vector<Attempt*>& verified, int round) {
  const RefineContext& ctx = loop.context;
  std::map<std::string, std::string> overlay;
  std::vector<std::string> paths;
  ChangeSet changes = ctx.changes;
  for (Attempt* a : verified) {
    const FileState& s = *a->state;
    overlay.emplace(s.path, *a->candidate);
    paths.push_back(s.path);
    ChangedFile file = git::changed_file(s.path, s.old_path, s.base_text, *a->candidate);
    auto existing = std::find_if(changes.files.begin(), changes.files.end(),
                                 [&](const ChangedFile& f) { return f.path == s.path; });
    if (existing != changes.files.end()) {
      file.status = existing->status;
      *existing = std::move(file);
    } else {
      changes.files.push_back(std::move(file));
    }
  }
  OverlaySnapshot snapshot(ctx.analysed, overlay);
  Workspace workspace(snapshot, paths);
  std::string log_dir =
      ctx.options.log_dir.empty() ? "" : ctx.options.log_dir + "/refine-round-" + std::to_string(round);
  Analysis analysis = analyze(workspace, ctx.trusted, {paths, changes, ctx.jobs, log_dir, {nullptr, &loop.budget}, {}});
  annotate(analysis.findings, changes, loop.config.filter_mode, loop.config.suppressions);
  if (ctx.baseline != nullptr) apply_baseline(*ctx.baseline, analysis.findings, workspace.sources());
  CheckResult gated;
  gated.findings = std::move(analysis.findings);
  decide(gated, loop.config);

  // LLM output may add findings but never remove one: when the intent check could not run on
  // the candidate, its earlier intent findings are carried over rather than counted as fixed.
  std::string intent_status;
  for (const auto& tool : analysis.tools)
    if (tool.name == "codegate-intent") intent_status = to_string(tool.status);
  bool carry_intent = loop.original_intent_status == "ok" && intent_status != "ok";

  std::map<std::string, std::vector<Finding>> failing;
  for (Attempt* a : verified) failing[a->state->path];
  for (auto& f : gated.findings)
    if (f.fails_gate && failing.count(f.path) != 0) failing[f.path].push_back(f);
  if (carry_intent) {
    for (Attempt* a : verified)
      for (const auto& f : a->state->failing)
        if (f.tool == "codegate") failing[a->state->path].push_back(f);
  }
  return failing;
}

std::string outcome_text(const Comparison& c) {
  std::string text = "removes " + plural(c.removed.size(), "failing finding", "failing findings") + ": ";
  for (std::size_t i = 0; i < c.removed.size(); ++i) text += (i ? "; " : "") + refine::describe_finding(c.removed[i]);
  return text;
}

void run_round(Loop& loop, std::vector<FileState*>& active, int round) {
  util::progress("refine round " + std::to_string(round) + "/" + std::to_string(loop.config.refine.max_rounds) +
                 ": asking the model to revise " + plural(active.size(), "file", "files"));
  std::vector<Attempt> attempts(active.size());
  for (std::size_t i = 0; i < active.size(); ++i) attempts[i].state = active[i];

  // The model is asked about the files concurrently, as many at once as llm.concurrency allows.
  std::size_t width = static_cast<std::size_t>(std::max(1, loop.config.llm.concurrency));
  for (std::size_t start = 0; start < attempts.size(); start += width) {
    std::vector<std::future<void>> running;
    for (std::size_t i = start; i < std::min(attempts.size(), start + width); ++i)
      running.push_back(
          std::async(std::launch::async, [&loop, &attempts, i, round] { ask(loop, attempts[i], round); }));
    for (auto& r : running) r.get();
  }
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
      Comparison c = refine::compare_failing(s.failing, failing[s.path], s.targets);
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
        s.previous = refine::PreviousAttempt{round, true, "accepted: it " + outcome_text(c), a.record.candidate_diff};
        util::progress("refine " + s.path + " round " + std::to_string(round) + ": accepted, " + outcome_text(c));
      }
    }
    if (!a.rejection.empty()) {
      if (a.record.outcome.empty()) a.record.outcome = "rejected";
      a.record.reason = a.rejection;
      s.last_rejection = a.rejection;
      s.previous = refine::PreviousAttempt{round, false, "rejected: " + a.rejection, a.record.candidate_diff};
      util::progress("refine " + s.path + " round " + std::to_string(round) + ": " + a.record.outcome + ": " +
                     a.rejection);
    }
    a.record.still_open = s.open_targets();
    if (!loop.context.options.log_dir.empty()) {
      std::string error;
      if (!refine::write_round_record(
              loop.context.options.log_dir, a.record,
              [&](std::string text) { return loop.client.redact(std::move(text)); }, &error))
        util::warn("cannot write the refine log: " + error);
    }
  }
}

// The lines around a fixed finding before and after the accepted revision, for the knowledge base.
std::optional<KnowledgeEntry> knowledge_entry(const Finding& f, const FileState& s) {
  auto hunks = git::diff_hunks(s.original, s.best, 1);
  int first = f.line, last = std::max(f.line, f.end_line);
  std::string before, after;
  for (const auto& h : hunks) {
    int old_last = h.old_start + std::max(h.old_lines, 1) - 1;
    if (old_last < first || h.old_start > last) continue;
    before += h.removed;
    after += h.added;
  }
  if (before.empty() && after.empty()) return std::nullopt;
  if (before.empty()) before = f.snippet;
  return KnowledgeEntry{qualified_rule(f), before, after, f.message, ""};
}

std::string describe_rules(const std::vector<std::string>& tools) {
  return tools.empty() ? std::string("none") : util::join(tools, ", ");
}

// The client the loop talks to, or nullptr with the reason in `reason`.
llm::LlmClient* repair_client(const RefineContext& context, const Config& config,
                              std::unique_ptr<llm::LlmClient>& owned, std::string& reason) {
  if (context.client != nullptr) return context.client;
  llm::LlmClientSetup setup = llm::make_llm_client(config);
  for (const auto& warning : setup.warnings) util::warn(warning);
  if (!setup.client) {
    // The LLM layer words its reason for the intent check; the cause is the same here.
    reason = setup.reason;
    if (auto colon = reason.find(": "); util::starts_with(reason, "intent check skipped"))
      reason = reason.substr(colon + 2);
    return nullptr;
  }
  owned = std::move(setup.client);
  return owned.get();
}

// Each target file's starting point: the analysed bytes, its docstrings, its bytes at the base,
// and its failing findings.
std::vector<std::unique_ptr<FileState>> start_states(const RefineContext& context, const Config& config,
                                                     const std::set<std::string>& paths,
                                                     const std::vector<Finding>& findings) {
  std::unique_ptr<git::Snapshot> base;
  if (!context.changes.base_sha.empty()) base = git::commit_snapshot(context.repo, context.changes.base_sha);
  std::map<std::string, std::string> originals;
  for (const auto& path : paths) {
    auto source = context.workspace.sources().find(path);
    if (source != context.workspace.sources().end()) originals.emplace(path, source->second);
  }
  std::vector<python::SourceIndex> indexes = python::index_python_sources(originals);
  std::vector<std::unique_ptr<FileState>> states;
  for (const auto& [path, content] : originals) {
    auto s = std::make_unique<FileState>();
    s->path = path;
    const ChangedFile* changed = context.changes.find(path);
    s->old_path = changed != nullptr ? changed->old_path : path;
    bool added = changed != nullptr && changed->status == ChangeStatus::added;
    if (base && !added) s->base_text = base->read(s->old_path);
    s->original = content;
    s->best = content;
    for (auto& index : indexes)
      if (index.path == path) s->original_index = index;
    for (const auto& unit : s->original_index.units)
      if (unit.docstring)
        s->docstrings.push_back({s->original_index.describe(unit), unit.docstring_line, *unit.docstring});
    for (const auto& f : findings) {
      if (f.path != path || !f.fails_gate) continue;
      s->failing.push_back(f);
      if (targeted_tool(f, config.refine)) s->targets.insert(f.fingerprint);
    }
    states.push_back(std::move(s));
  }
  return states;
}

// Per finding: fixed in which round, or still open (targets only; a finding that was not a
// target but went away with an accepted revision counts as fixed too).
void mark_findings(std::vector<Finding>& findings, const std::vector<std::unique_ptr<FileState>>& states) {
  for (auto& f : findings) {
    if (!f.fails_gate) continue;
    for (const auto& s : states) {
      if (s->path != f.path) continue;
      auto removed = s->removed_in.find(f.fingerprint);
      if (removed != s->removed_in.end()) {
        f.fix_status = "fixed in round " + std::to_string(removed->second);
      } else if (s->targets.count(f.fingerprint) != 0) {
        f.fix_status = "open";
      }
    }
  }
}

// The accepted revisions, with a note per file; their fixed findings go into the knowledge base.
std::vector<FileFix> collect_fixes(CheckResult& result, const std::vector<std::unique_ptr<FileState>>& states,
                                   int rounds_run, KnowledgeBase& knowledge) {
  std::vector<FileFix> fixes;
  int learned = 0;
  for (const auto& s : states) {
    std::size_t open = s->open_targets().size();
    if (s->best_round == 0) {
      result.notes.push_back("refine: " + s->path + ": no revision was strictly better in " +
                             plural(static_cast<std::size_t>(rounds_run), "round", "rounds") + "; " +
                             plural(open, "finding", "findings") + " still open" +
                             (s->last_rejection.empty() ? "" : " (last attempt: " + s->last_rejection + ")"));
      continue;
    }
    FileFix fix{s->path, s->original, s->best, s->best_round, {}};
    for (const auto& [fingerprint, round] : s->removed_in) fix.fixed_fingerprints.push_back(fingerprint);
    result.notes.push_back("refine: " + s->path + ": " + plural(fix.fixed_fingerprints.size(), "finding", "findings") +
                           " fixed (revision of round " + std::to_string(s->best_round) + ")" +
                           (open == 0 ? "" : "; " + plural(open, "finding", "findings") + " still open"));
    for (const auto& f : result.findings) {
      if (f.path != s->path || s->removed_in.count(f.fingerprint) == 0) continue;
      if (auto entry = knowledge_entry(f, *s); entry && knowledge.add(std::move(*entry))) ++learned;
    }
    fixes.push_back(std::move(fix));
  }
  if (learned > 0) {
    // A knowledge base that cannot be written costs later prompts their examples, not this run.
    try {
      knowledge.save();
      util::debug("refine: " + std::to_string(learned) + " fixes added to " + knowledge.path());
    } catch (const std::exception& e) {
      util::warn(std::string("refine: cannot update the fix knowledge base: ") + e.what());
    }
  }
  return fixes;
}

} // namespace

void run_refine(CheckResult& result, const RefineContext& context) {
  const Config& config = context.trusted.config;
  const std::string mode(to_string(config.refine.fix));
  result.fix_mode = mode;

  const std::string trailer(refine::k_refined_trailer);
  if (!context.changes.head_sha.empty() &&
      git::has_trailer(git::commit_message(context.repo, context.changes.head_sha), trailer)) {
    result.notes.push_back("refine skipped: the analysed commit is codegate's own (" + trailer +
                           " trailer), so it is not refined again");
    util::progress("refine skipped: the head commit carries the " + trailer + " trailer");
    return;
  }

  std::set<std::string> target_paths;
  for (const auto& f : result.findings)
    if (f.fails_gate && targeted_tool(f, config.refine)) target_paths.insert(f.path);
  if (target_paths.empty()) {
    result.notes.push_back("refine: nothing to do: no failing finding comes from a tool in refine.tools (" +
                           describe_rules(config.refine.tools) + ")");
    return;
  }

  std::unique_ptr<llm::LlmClient> owned_client;
  std::string no_client;
  llm::LlmClient* client = repair_client(context, config, owned_client, no_client);
  if (client == nullptr) {
    result.notes.push_back("refine skipped: " + no_client);
    util::progress("refine skipped: " + no_client);
    return;
  }

  KnowledgeBase knowledge(knowledge_path(context, config), config.refine.knowledge_max_entries);
  knowledge.load();
  if (knowledge.skipped() > 0)
    util::warn("refine: skipped " +
               plural(static_cast<std::size_t>(knowledge.skipped()), "unreadable line", "unreadable lines") + " of " +
               knowledge.path());

  auto states = start_states(context, config, target_paths, result.findings);
  std::string original_intent_status;
  for (const auto& tool : result.tools)
    if (tool.name == "codegate-intent") original_intent_status = to_string(tool.status);

  Loop loop(context, config, *client, knowledge, original_intent_status);
  int max_rounds = std::clamp(config.refine.max_rounds, 1, 10);
  int rounds_run = 0;
  for (int round = 1; round <= max_rounds && !loop.stop; ++round) {
    std::vector<FileState*> active;
    for (auto& s : states)
      if (!s->open_targets().empty()) active.push_back(s.get());
    if (active.empty()) break;
    rounds_run = round;
    run_round(loop, active, round);
  }
  if (loop.stop) result.notes.push_back("refine stopped early: " + loop.stop_reason);

  mark_findings(result.findings, states);
  std::vector<FileFix> fixes = collect_fixes(result, states, rounds_run, knowledge);
  if (fixes.empty()) return;

  refine::DeliveryInput input{context.repo,    context.changes, config.refine,
                              result.findings, context.env,     patch_path(config)};
  refine::DeliveryOutcome delivered = refine::deliver(fixes, mode, input);
  result.fixes = std::move(fixes);
  result.fix_mode = delivered.mode;
  result.notes.insert(result.notes.end(), delivered.notes.begin(), delivered.notes.end());
  for (const auto& note : delivered.notes) util::progress(note);
}

} // namespace codegate
