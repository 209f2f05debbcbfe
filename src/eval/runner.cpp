#include "eval/runner.h"

#include <atomic>
#include <filesystem>
#include <limits>
#include <mutex>
#include <set>
#include "core/error.h"
#include "eval/dataset.h"
#include "eval/finetune.h"
#include "eval/generation.h"
#include "eval/html_report.h"
#include "eval/intent_accuracy.h"
#include "eval/recording_client.h"
#include "eval/results_json.h"
#include "git/snapshot.h"
#include "llm/budget.h"
#include "llm/client.h"
#include "llm/provider_http.h"
#include "pipeline/candidate_verifier.h"
#include "pipeline/trusted_config.h"
#include "python/source_index.h"
#include "refine/file_state.h"
#include "refine/knowledge.h"
#include "refine/round_loop.h"
#include "util/files.h"
#include "util/json_writer.h"
#include "util/log.h"
#include "util/strings.h"
#include "util/temp_dir.h"
#include "util/thread_pool.h"

namespace codegate::eval {
namespace {

namespace fs = std::filesystem;

// The sample's file: its id as a portable file name, with one ".py" ("CWE-78_OSI-1a" ->
// "CWE-78_OSI-1a.py"; SecurityEval's "CWE-020_author_1.py" stays as it is).
std::string sample_path(const std::string& id) {
  bool has_suffix = id.size() > 3 && util::to_lower(id.substr(id.size() - 3)) == ".py";
  return util::file_name_part(has_suffix ? id.substr(0, id.size() - 3) : id, 80) + ".py";
}

std::string run_dir(const EvalOptions& options, int run) {
  return options.runs == 1 ? options.out_dir : options.out_dir + "/run-" + std::to_string(run);
}

RoundFinding round_finding(const Finding& f) {
  return RoundFinding{f.tool, f.rule_id, f.cwe ? "CWE-" + std::to_string(*f.cwe) : "", f.line, f.message};
}

// The intent verdict of a verified revision: a mismatch among its failing findings, or none
// where the intent check ran.
std::string intent_of(const std::vector<Finding>& failing, const std::string& intent_status) {
  for (const auto& f : failing)
    if (f.rule_id == "intent-mismatch") return "inconsistent";
  return intent_status == "ok" ? "consistent" : "unchecked";
}

RoundResult verified_round(int round, const std::vector<Finding>& failing, const std::string& intent_status) {
  RoundResult r;
  r.round = round;
  for (const auto& f : failing) r.findings.push_back(round_finding(f));
  r.intent = intent_of(failing, intent_status);
  return r;
}

bool parses(const std::string& path, const std::string& code) {
  auto index = python::index_python_sources({{path, code}});
  return !index.empty() && index.front().ok;
}

// What every sample of one run shares.
struct Run {
  const EvalOptions& options;
  TrustedConfig trusted;
  llm::LlmClient& client;
  llm::Budget budget;
  std::unique_ptr<git::Snapshot> empty; // samples are new files in an empty tree
  util::TempDir empty_dir;
  std::string dir;
  std::mutex knowledge_mutex;
  refine::KnowledgeBase knowledge;
};

void write_code(const Run& run, const std::string& name, const std::string& code) {
  require(util::write_file(run.dir + "/code/" + name, code), "cannot write the experiment's output (check --out)");
}

// Round 0: the model's file, or why there is none.
std::optional<std::string> generate(Run& run, RecordingClient& client, const Sample& sample, SampleResult& result) {
  llm::ChatRequest request = generation_request(sample, run.trusted.config.llm.max_output_tokens);
  std::string text = request.system;
  for (const auto& m : request.messages) text += m.content;
  long estimate = llm::estimate_tokens(text);
  if (!run.budget.try_reserve(estimate)) {
    result.error = "the LLM budget is spent: " + run.budget.limit_description() + " reached";
    return std::nullopt;
  }
  llm::ChatResponse response;
  try {
    response = client.chat(request);
  } catch (const llm::LlmError& e) {
    run.budget.settle(estimate, 0, 0);
    result.error = e.what();
    return std::nullopt;
  }
  run.budget.settle(estimate, response.input_tokens, response.output_tokens);
  GeneratedFile file = read_generated_file(response.text, sample_path(sample.id));
  if (!file.code) {
    result.error = file.problem;
    return std::nullopt;
  }
  return file.code;
}

// Refines `code` with the gate's loop; each round is recorded into `result`. Returns the final code.
std::string refine_sample(Run& run, RecordingClient& client, refine::Verifier& verifier, const std::string& path,
                          const std::string& code, const std::vector<Finding>& failing, const std::string& intent_status,
                          SampleResult& result) {
  const Config& config = run.trusted.config;
  auto states = refine::start_states({{path, code}}, {path}, failing, config.refine);
  if (states.empty() || states.front()->open_targets().empty()) return code;
  refine::KnowledgeBase knowledge = [&] {
    std::lock_guard lock(run.knowledge_mutex);
    return run.knowledge;
  }();
  refine::RoundSettings settings{config.refine, config.llm, "", intent_status, {}};
  std::string stem = path.substr(0, path.size() - 3);
  settings.observe = [&](const refine::RoundRecord& record, const std::optional<std::string>& candidate,
                         const std::vector<Finding>* candidate_failing) {
    RoundResult r;
    if (candidate_failing != nullptr) r = verified_round(record.round, *candidate_failing, intent_status);
    r.round = record.round;
    r.accepted = record.outcome == "accepted";
    if (candidate) {
      write_code(run, stem + ".r" + std::to_string(record.round) + ".py", *candidate);
      if (candidate_failing == nullptr) r.syntax_error = !parses(path, *candidate);
    }
    result.rounds.push_back(std::move(r));
  };
  refine::RoundsOutcome outcome = refine::run_rounds(states, verifier, client, run.budget, knowledge, settings);
  if (outcome.stopped) util::progress("eval " + result.id + ": refinement stopped: " + outcome.stop_reason);
  const refine::FileState& state = *states.front();
  // RefleXGen: the fixes this sample's accepted revisions made are retrieved into later prompts.
  if (state.best_round > 0 && run.knowledge.enabled()) {
    std::lock_guard lock(run.knowledge_mutex);
    for (const auto& f : failing) {
      if (state.removed_in.count(f.fingerprint) == 0) continue;
      if (auto entry = refine::knowledge_entry(f, state)) run.knowledge.add(std::move(*entry));
    }
  }
  return state.best;
}

SampleResult run_sample(Run& run, const Sample& sample) {
  SampleResult result;
  result.id = sample.id;
  result.prompt = generation_prompt(sample);
  if (!sample.cwe.empty()) result.cwe = sample.cwe, result.cwe_source = "dataset";
  RecordingClient client(run.client);
  std::string path = sample_path(sample.id);
  std::string stem = path.substr(0, path.size() - 3);
  std::optional<std::string> code = generate(run, client, sample, result);
  if (code) {
    write_code(run, stem + ".r0.py", *code);
    auto index = python::index_python_sources({{path, *code}});
    result.missing_docstring = index.empty() || !has_structured_docstring(index.front());
    if (index.empty() || !index.front().ok) {
      RoundResult syntax;
      syntax.syntax_error = true;
      result.rounds.push_back(syntax);
      write_code(run, path, *code);
    } else {
      ChangeSet no_changes;
      CandidateVerifier verifier({.analysed = *run.empty,
                                  .base = nullptr,
                                  .changes = no_changes,
                                  .trusted = run.trusted,
                                  .jobs = 1,
                                  .log_dir = "",
                                  .budget = &run.budget,
                                  .client = &client,
                                  .baseline = nullptr});
      refine::Verification first = verifier.verify({{path, *code}}, "round-0");
      const std::vector<Finding>& failing = first.failing[path];
      result.rounds.push_back(verified_round(0, failing, first.intent_status));
      std::string final_code = *code;
      if (run.options.rounds > 0 && !failing.empty())
        final_code = refine_sample(run, client, verifier, path, *code, failing, first.intent_status, result);
      write_code(run, path, final_code);
    }
    if (result.cwe.empty()) {
      for (const auto& f : result.rounds.front().findings) {
        if (f.tool == "bandit" && !f.cwe.empty()) {
          result.cwe = f.cwe;
          result.cwe_source = "bandit";
          break;
        }
      }
    }
  }
  result.status = final_status(result);
  result.llm_calls = client.calls();
  result.input_tokens = client.input_tokens();
  result.output_tokens = client.output_tokens();
  util::JsonWriter dialogue;
  write_dialogue(dialogue, client.exchanges(), run.client);
  require(util::write_file(run.dir + "/dialogues/" + stem + ".json", dialogue.finish()), "cannot write the experiment's output (check --out)");
  util::JsonWriter record;
  write_sample(record, result);
  require(util::write_file_atomic(run.dir + "/samples/" + stem + ".json", record.finish()), "cannot write the experiment's output (check --out)");
  return result;
}

std::string round_word(const SampleResult& s) {
  std::string text = to_string(s.status);
  if (!s.rounds.empty()) {
    int kept = 0;
    for (const auto& r : s.rounds)
      if (r.accepted && r.round > 0) kept = r.round;
    text += kept > 0 ? " (revision of round " + std::to_string(kept) + " kept)" : " (generated code kept)";
  }
  if (!s.error.empty()) text += ": " + s.error;
  return text;
}

std::vector<Sample> selected_samples(const Dataset& dataset, const EvalOptions& options) {
  std::vector<Sample> samples;
  std::set<std::string> ids(options.ids.begin(), options.ids.end());
  for (const auto& s : dataset.samples) {
    if (!ids.empty() && ids.count(s.id) == 0) continue;
    samples.push_back(s);
    if (options.limit > 0 && static_cast<int>(samples.size()) == options.limit) break;
  }
  for (const auto& id : options.ids) {
    bool found = false;
    for (const auto& s : samples) found = found || s.id == id;
    if (!found) throw UsageError("--ids: " + dataset.path + " has no sample \"" + id + "\"");
  }
  return samples;
}

TrustedConfig experiment_config(const EvalOptions& options) {
  auto cwd = git::worktree_snapshot(fs::current_path().string());
  TrustedConfig trusted = load_trusted_config(*cwd, options.config_file);
  Config& c = trusted.config;
  if (!options.llm_model.empty()) c.llm.model = options.llm_model;
  if (!options.llm_base_url.empty()) c.llm.base_url = options.llm_base_url;
  // The research's verdict: a mismatch with the docstring is fed back and counted, and a
  // suppression the model adds does not make a sample secure.
  c.intent.enabled = true;
  c.intent.fail_on = IntentFailOn::inconsistent;
  c.suppressions = SuppressionPolicy::deny_new;
  c.refine.max_rounds = std::max(1, options.rounds);
  return trusted;
}

// Runs every sample of one run, `workers` at a time, in the data set's order in the results.
RunResults run_once(Run& run, const std::vector<Sample>& samples, int number, int runs) {
  RunResults out;
  out.samples.resize(samples.size());
  std::atomic<std::size_t> done{0};
  std::string prefix = runs > 1 ? "run " + std::to_string(number) + ": " : "";
  util::parallel_for(samples.size(), run.options.workers, [&](std::size_t i) {
    std::string stem = sample_path(samples[i].id);
    stem = stem.substr(0, stem.size() - 3);
    std::optional<SampleResult> resumed;
    if (run.options.resume)
      if (auto text = util::read_file(run.dir + "/samples/" + stem + ".json")) resumed = read_sample(*text);
    out.samples[i] = resumed ? std::move(*resumed) : run_sample(run, samples[i]);
    util::progress("[" + std::to_string(++done) + "/" + std::to_string(samples.size()) + "] " + prefix + samples[i].id +
                   ": " + round_word(out.samples[i]) + (resumed ? " (from an earlier run)" : ""));
  });
  if (auto saved = run.knowledge.save(); !saved) util::warn("eval: cannot save the knowledge base: " + saved.error());
  out.summary = summarise(out.samples, run.options.rounds);
  return out;
}

std::string finetune_lines(const std::vector<RunResults>& runs, const std::vector<std::string>& dirs) {
  std::string lines;
  std::set<std::string> seen;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    for (const auto& s : runs[r].samples) {
      if (s.status != SampleStatus::secure || s.rounds.empty() || seen.count(s.id) != 0) continue;
      const RoundResult* last = nullptr;
      for (const auto& round : s.rounds)
        if (round.accepted) last = &round;
      if (last == nullptr || last->intent != "consistent" || !last->findings.empty()) continue;
      std::string path = sample_path(s.id);
      auto code = util::read_file(dirs[r] + "/code/" + path);
      if (!code) continue;
      seen.insert(s.id);
      lines += finetune_sample_line(s.prompt, *code) + "\n";
    }
  }
  return lines;
}

} // namespace

int run_eval(const EvalOptions& options, const util::EnvLookup& env) {
  if (options.rounds < 0 || options.rounds > 10) throw UsageError("--rounds must be 0..10");
  if (options.runs < 1) throw UsageError("--runs must be 1 or more");
  Dataset dataset = read_dataset(options.dataset, options.language);
  if (dataset.kind == DatasetKind::labelled_pairs)
    return run_intent_accuracy(options, dataset, experiment_config(options).config, env);
  std::vector<Sample> samples = selected_samples(dataset, options);
  if (dataset.skipped_other_language > 0)
    util::progress("eval: " + std::to_string(dataset.skipped_other_language) + " rows of " + dataset.path +
                   " are not " + options.language + " and are skipped");
  TrustedConfig base_config = experiment_config(options);
  llm::LlmClientSetup setup = llm::make_llm_client(base_config.config.llm, env);
  for (const auto& w : setup.warnings) util::warn(w);
  if (!setup.client) throw UsageError("codegate eval needs an LLM: " + setup.reason);

  ExperimentInfo info{dataset.path,          to_string(dataset.kind), dataset.skipped_other_language,
                      setup.client->provider(), setup.client->model(), options.rounds, options.knowledge};
  std::vector<RunResults> runs;
  std::vector<std::string> dirs;
  for (int number = 1; number <= options.runs; ++number) {
    std::string dir = run_dir(options, number);
    if (!options.resume) {
      std::error_code ignored;
      fs::remove_all(dir + "/samples", ignored);
      fs::remove(dir + "/knowledge.jsonl", ignored); // RefleXGen: each run's knowledge starts empty
    }
    TrustedConfig trusted = base_config;
    trusted.config.intent.cache_dir = dir + "/intent-cache";
    int entries = options.knowledge ? std::max(1, trusted.config.refine.knowledge_max_entries) : 0;
    Run run{options,
            std::move(trusted),
            *setup.client,
            llm::Budget(base_config.config.llm.budget_calls, base_config.config.llm.budget_input_tokens),
            nullptr,
            util::TempDir("codegate-eval"),
            dir,
            {},
            refine::KnowledgeBase(dir + "/knowledge.jsonl", entries)};
    run.empty = git::worktree_snapshot(run.empty_dir.path());
    run.knowledge.load();
    runs.push_back(run_once(run, samples, number, options.runs));
    dirs.push_back(dir);
  }

  require(util::write_file(options.out_dir + "/results.json", results_json(info, runs)), "cannot write the experiment's output (check --out)");
  require(util::write_file(options.out_dir + "/report.html", html_report(info, runs)), "cannot write the experiment's output (check --out)");
  std::string missing;
  for (std::size_t r = 0; r < runs.size(); ++r)
    for (const auto& s : runs[r].samples)
      if (s.missing_docstring) missing += fs::relative(dirs[r] + "/code/" + sample_path(s.id), options.out_dir).string() + "\n";
  require(util::write_file(options.out_dir + "/missing_docstrings.txt", missing), "cannot write the experiment's output (check --out)");
  require(util::write_file(options.out_dir + "/finetune.jsonl", finetune_lines(runs, dirs)), "cannot write the experiment's output (check --out)");
  for (std::size_t r = 0; r < runs.size(); ++r) {
    util::JsonWriter all;
    all.start_object();
    for (const auto& s : runs[r].samples) {
      std::string stem = sample_path(s.id);
      auto text = util::read_file(dirs[r] + "/dialogues/" + stem.substr(0, stem.size() - 3) + ".json");
      all.key(s.id).raw(text ? util::trim(*text) : "[]", rapidjson::kArrayType);
    }
    all.end_object();
    require(util::write_file(dirs[r] + "/all_dialogues.json", all.finish()), "cannot write the experiment's output (check --out)");
  }
  const RunSummary& first = runs.front().summary;
  util::progress("eval: " + std::to_string(first.samples) + " samples: vulnerable " + std::to_string(first.vulnerable_initial) +
                 " before refinement, " + std::to_string(first.vulnerable_final) + " after; results in " +
                 options.out_dir + "/results.json");
  return 0;
}

int export_finetune(const std::string& out_dir, const std::string& secure_samples) {
  std::vector<RunResults> runs;
  std::vector<std::string> dirs;
  for (const std::string& dir : {out_dir, out_dir + "/run-1"}) {
    if (!fs::is_directory(dir + "/samples")) continue;
    RunResults run;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir + "/samples")) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files)
      if (auto text = util::read_file(file.string()))
        if (auto sample = read_sample(*text)) run.samples.push_back(std::move(*sample));
    runs.push_back(std::move(run));
    dirs.push_back(dir);
    break;
  }
  if (runs.empty() && secure_samples.empty())
    throw UsageError(out_dir + " holds no finished samples (run codegate eval --out " + out_dir + " first)");
  std::string lines = finetune_lines(runs, dirs);
  int count = 0;
  for (char c : lines) count += c == '\n';
  if (!secure_samples.empty()) {
    if (!fs::is_directory(secure_samples)) throw UsageError("--include-secure-samples: " + secure_samples + " is not a directory");
    std::map<std::string, std::string> prompts;
    for (const auto& run : runs)
      for (const auto& s : run.samples) prompts.emplace(s.id, s.prompt);
    ExpertSamples expert = expert_sample_lines(secure_samples, prompts);
    for (const auto& line : expert.lines) lines += line + "\n";
    count += static_cast<int>(expert.lines.size());
    if (!expert.unmatched.empty())
      util::progress("eval: " + std::to_string(expert.unmatched.size()) +
                     " expert samples have no prompt in the experiment and are left out");
  }
  require(util::write_file(out_dir + "/finetune.jsonl", lines), "cannot write the experiment's output (check --out)");
  return count;
}

int export_knowledge(const std::string& knowledge_file, const std::string& finetune_file) {
  if (!fs::is_regular_file(knowledge_file))
    throw UsageError(knowledge_file + ": no knowledge base there (give its path with --knowledge)");
  refine::KnowledgeBase knowledge(knowledge_file, std::numeric_limits<int>::max());
  knowledge.load();
  if (knowledge.skipped() > 0)
    util::warn(knowledge_file + ": " + std::to_string(knowledge.skipped()) + " unreadable lines are left out");
  std::string lines;
  for (const auto& entry : knowledge.entries()) lines += knowledge_line(entry) + "\n";
  require(util::write_file(finetune_file, lines), "cannot write the experiment's output (check --out)");
  return static_cast<int>(knowledge.entries().size());
}

} // namespace codegate::eval
