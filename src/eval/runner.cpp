#include "eval/runner.h"

#include <atomic>
#include <filesystem>
#include <limits>
#include <mutex>
#include <set>

#include "analyzers/pylint/pylint_analyzer.h"
#include "core/error.h"
#include "eval/dataset.h"
#include "eval/experiment_verifier.h"
#include "eval/finetune.h"
#include "eval/functional_check.h"
#include "eval/generation.h"
#include "eval/html_report.h"
#include "eval/intent_accuracy.h"
#include "eval/recording_client.h"
#include "eval/reflection.h"
#include "eval/results_json.h"
#include "filter/fingerprint.h"
#include "git/snapshot.h"
#include "llm/budget.h"
#include "llm/budgeted_call.h"
#include "llm/client.h"
#include "llm/provider_http.h"
#include "pipeline/candidate_verifier.h"
#include "pipeline/trusted_config.h"
#include "python/source_index.h"
#include "refine/file_state.h"
#include "refine/knowledge.h"
#include "refine/round_loop.h"
#include "registry/registry.h"
#include "util/files.h"
#include "util/json.h"
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

RoundResult verified_round(int round, const std::vector<Finding>& failing, intent::Verdict verdict) {
  RoundResult r;
  r.round = round;
  for (const auto& f : failing) r.findings.push_back(round_finding(f));
  r.intent = verdict;
  return r;
}

std::optional<python::SourceIndex> index_of(const std::string& path, const std::string& code) {
  auto index = python::index_python_sources({{path, code}});
  if (index.empty()) return std::nullopt;
  return index.front();
}

bool parses(const std::string& path, const std::string& code) {
  auto index = index_of(path, code);
  return index && index->ok;
}

// What the refine loop is asked to remove from a file that does not parse: Pylint's own
// syntax-error message, at the parser's line.
Finding syntax_finding(const std::string& path, const std::string& code, const python::SourceIndex& index) {
  Finding f;
  f.tool = std::string(k_pylint_tool);
  f.rule_id = "E0001";
  f.rule_name = "syntax-error";
  f.level = Level::error;
  f.tool_severity = "error";
  f.path = path;
  f.line = std::max(1, index.error_line);
  f.message = "Parsing failed: " + (index.error.empty() ? std::string("the file is not valid Python") : index.error);
  auto lines = util::split_lines(code);
  if (f.line <= static_cast<int>(lines.size())) f.snippet = std::string(lines[static_cast<std::size_t>(f.line - 1)]);
  f.fails_gate = true;
  std::vector<Finding> one{f};
  assign_fingerprints(one);
  return one.front();
}

// What every sample of one run shares.
struct Run {
  const EvalOptions& options;
  TrustedConfig trusted;  // the gate's analyzers and thresholds as the profile sets them
  TrustedConfig analysis; // what the pipeline's verifier runs: `trusted`, without the per-unit
                          // intent check in the thesis profile (the whole-file check stands in)
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
  const LlmConfig& llm = run.trusted.config.llm;
  llm::ChatRequest request =
      generation_request(sample, run.options.prompt_style, llm.max_output_tokens, llm.temperature);
  std::optional<llm::ChatResponse> response;
  try {
    response = llm::chat_within(run.budget, client, request);
  } catch (const llm::LlmError& e) {
    result.error = e.what();
    return std::nullopt;
  }
  if (!response) {
    result.error = "the LLM budget is spent: " + run.budget.limit_description() + " reached";
    return std::nullopt;
  }
  GeneratedFile file = read_generated_file(response->text, sample_path(sample.id));
  if (!file.code) {
    result.error = file.problem;
    return std::nullopt;
  }
  return file.code;
}

// A verifier for the syntax repair: a candidate reaches it only when it parses (the loop's own
// check drops the others), and parsing is all this phase asks.
class ParsesVerifier : public refine::Verifier {
public:
  refine::Verification verify(const std::map<std::string, std::string>& files, const std::string&) override {
    refine::Verification out;
    for (const auto& entry : files) out.failing[entry.first];
    return out;
  }
};

// One sample's refinement: the rounds it used, its revisions recorded into `result`.
struct SampleLoop {
  Run& run;
  RecordingClient& client;
  ExperimentVerifier& verifier;
  std::string path;
  SampleResult& result;
  std::string last_reflection; // the newest self-reflection, kept with the fix it led to

  refine::RoundSettings settings(int first_round) {
    const Config& config = run.trusted.config;
    refine::RoundSettings s(config.refine, config.llm);
    s.first_round = first_round;
    if (run.options.profile == EvalProfile::thesis) s.task = result.prompt;
    std::string stem = path.substr(0, path.size() - 3);
    s.observe = [this, stem](const refine::RoundRecord& record, const std::optional<std::string>& candidate,
                             const std::vector<Finding>* candidate_failing) {
      RoundResult r;
      if (candidate_failing != nullptr && candidate)
        r = verified_round(record.round, *candidate_failing, verifier.verdict_of(*candidate));
      r.round = record.round;
      r.accepted = record.outcome == "accepted";
      if (candidate) {
        write_code(run, stem + ".r" + std::to_string(record.round) + ".py", *candidate);
        if (candidate_failing == nullptr) r.syntax_error = !parses(path, *candidate);
      }
      result.rounds.push_back(std::move(r));
    };
    if (run.options.reflect) {
      s.reflect = [this](const refine::FileState& state, const std::vector<Finding>& open, int) {
        const LlmConfig& llm = run.trusted.config.llm;
        llm::ChatRequest request =
            reflection_request(result.prompt, path, state.best, open, llm.max_output_tokens, llm.temperature);
        try {
          auto response = llm::chat_within(run.budget, client, request);
          last_reflection = response ? read_reflection(response->text) : "";
        } catch (const llm::LlmError& e) {
          util::progress("eval " + result.id + ": no self-reflection: " + e.what());
          last_reflection.clear();
        }
        return last_reflection;
      };
    }
    return s;
  }

  refine::KnowledgeBase knowledge_now() {
    std::lock_guard lock(run.knowledge_mutex);
    return run.knowledge;
  }

  // Refines code that does not parse until it does, feeding the parser's error back. Returns the
  // last round used and the code the loop kept (the original when no revision parsed).
  std::pair<int, std::string> repair_syntax(const std::string& code, const python::SourceIndex& index) {
    Finding syntax = syntax_finding(path, code, index);
    auto states = refine::start_states({{path, code}}, {path}, {syntax}, run.trusted.config.refine);
    ParsesVerifier parses_only;
    refine::RoundsOutcome outcome =
        refine::run_rounds(states, parses_only, client, run.budget, knowledge_now(), settings(1));
    if (outcome.stopped) util::progress("eval " + result.id + ": syntax repair stopped: " + outcome.stop_reason);
    return {outcome.rounds_run, states.front()->best_round > 0 ? states.front()->best : code};
  }

  // Refines parseable code whose checks fail, from `first_round` on; returns the kept code.
  std::string refine(const std::string& code, const std::vector<Finding>& failing, ToolStatus intent_status,
                     int first_round) {
    auto states = refine::start_states({{path, code}}, {path}, failing, run.trusted.config.refine);
    if (states.empty() || states.front()->open_targets().empty()) return code;
    refine::RoundSettings s = settings(first_round);
    s.original_intent_status = intent_status;
    refine::RoundsOutcome outcome = refine::run_rounds(states, verifier, client, run.budget, knowledge_now(), s);
    if (outcome.stopped) util::progress("eval " + result.id + ": refinement stopped: " + outcome.stop_reason);
    const refine::FileState& state = *states.front();
    // RefleXGen: the fixes this sample's accepted revisions made are retrieved into later prompts,
    // with the task and the model's own review of the code when it gave one.
    if (state.best_round > 0 && run.knowledge.enabled()) {
      std::lock_guard lock(run.knowledge_mutex);
      for (const auto& f : failing) {
        if (state.removed_in.count(f.fingerprint) == 0) continue;
        if (auto entry = refine::knowledge_entry(f, state)) {
          entry->task = result.prompt;
          entry->reflection = last_reflection;
          run.knowledge.add(std::move(*entry));
        }
      }
    }
    return state.best;
  }

  // Verifies `code` as round `round` and refines it while anything fails; returns the kept code.
  std::string verify_and_refine(const std::string& code, int round) {
    refine::Verification checked = verifier.verify({{path, code}}, "round-" + std::to_string(round));
    const std::vector<Finding>& failing = checked.failing[path];
    RoundResult verified = verified_round(round, failing, verifier.verdict_of(code));
    if (round == 0) {
      result.rounds.push_back(std::move(verified));
    } else {
      // The syntax repair's accepted round, now with what the checks say about it.
      verified.accepted = true;
      result.rounds.back() = std::move(verified);
    }
    if (run.options.rounds <= round || failing.empty()) return code;
    return refine(code, failing, checked.intent_status, round + 1);
  }
};

SampleResult run_sample(Run& run, const Sample& sample) {
  SampleResult result;
  result.id = sample.id;
  result.prompt = generation_prompt(sample);
  result.source_language = sample.source_language;
  if (!sample.cwe.empty()) result.cwe = sample.cwe, result.cwe_source = "dataset";
  RecordingClient client(run.client, run.options.seed);
  std::string path = sample_path(sample.id);
  std::string stem = path.substr(0, path.size() - 3);
  std::optional<std::string> code = generate(run, client, sample, result);
  if (code) {
    write_code(run, stem + ".r0.py", *code);
    std::optional<python::SourceIndex> index = index_of(path, *code);
    result.missing_docstring = !index || !has_structured_docstring(*index);
    ChangeSet no_changes;
    CandidateVerifier gate({.analysed = *run.empty,
                            .base = nullptr,
                            .changes = no_changes,
                            .trusted = run.analysis,
                            .processes = util::system_process_runner(),
                            .jobs = 1,
                            .log_dir = "",
                            .budget = &run.budget,
                            .client = llm::given_client(client),
                            .baseline = nullptr});
    const Config& config = run.trusted.config;
    FunctionalCheckSetup functional{client, run.budget, config.llm.max_output_tokens, config.llm.temperature};
    ExperimentVerifier verifier(gate, run.options.profile == EvalProfile::thesis ? &functional : nullptr);
    SampleLoop loop{run, client, verifier, path, result, ""};
    std::string final_code = *code;
    if (!index || !index->ok) {
      RoundResult syntax;
      syntax.syntax_error = true;
      result.rounds.push_back(syntax);
      // The thesis feeds the parser's error back; the gate profile ends the sample here.
      if (run.options.profile == EvalProfile::thesis && run.options.rounds > 0 && index) {
        auto [used, repaired] = loop.repair_syntax(*code, *index);
        if (repaired != *code) final_code = loop.verify_and_refine(repaired, used);
      }
    } else {
      final_code = loop.verify_and_refine(*code, 0);
    }
    write_code(run, path, final_code);
    if (result.cwe.empty()) {
      for (const auto& round : result.rounds) {
        for (const auto& f : round.findings) {
          if (security_tool(f.tool) && !f.cwe.empty() && result.cwe.empty()) {
            result.cwe = f.cwe;
            result.cwe_source = f.tool; // the security tool that named it (Bandit)
          }
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
  require(util::write_file(run.dir + "/dialogues/" + stem + ".json", dialogue.finish()),
          "cannot write the experiment's output (check --out)");
  util::JsonWriter record;
  write_sample(record, result);
  require(util::write_file_atomic(run.dir + "/samples/" + stem + ".json", record.finish()),
          "cannot write the experiment's output (check --out)");
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
  if (options.temperature) c.llm.temperature = *options.temperature;
  if (options.max_output_tokens) c.llm.max_output_tokens = *options.max_output_tokens;
  // The research's verdict: a mismatch with the docstring is fed back and counted, and a
  // suppression the model adds does not make a sample secure.
  c.intent.enabled = true;
  c.intent.fail_on = IntentFailOn::inconsistent;
  c.suppressions = SuppressionPolicy::deny_new;
  c.refine.max_rounds = std::max(1, options.rounds);
  // The thesis counts every Bandit finding, low severity and confidence included (B101, B311,
  // B105-B107, B404/B603/B607), and feeds each one back.
  if (options.profile == EvalProfile::thesis) c.bandit.severity = c.bandit.confidence = "low";
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

std::string finetune_lines(const std::vector<RunResults>& runs, const std::vector<std::string>& dirs, PromptStyle style,
                           bool strip) {
  std::string lines;
  std::set<std::string> seen;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    for (const auto& s : runs[r].samples) {
      if (s.status != SampleStatus::secure || s.rounds.empty() || seen.count(s.id) != 0) continue;
      const RoundResult* last = nullptr;
      for (const auto& round : s.rounds)
        if (round.accepted) last = &round;
      if (last == nullptr || last->intent != intent::Verdict::consistent || !last->findings.empty()) continue;
      std::string path = sample_path(s.id);
      auto code = util::read_file(dirs[r] + "/code/" + path);
      if (!code) continue;
      seen.insert(s.id);
      lines += finetune_sample_line(s.prompt, strip ? strip_docstrings(path, *code) : *code, style) + "\n";
    }
  }
  return lines;
}

// The dataset's samples the options select; each must write files of its own.
std::vector<Sample> checked_samples(const Dataset& dataset, const EvalOptions& options) {
  if (!dataset.renamed.empty())
    util::progress("eval: " + std::to_string(dataset.renamed.size()) + " rows of " + dataset.path +
                   " repeat an earlier row's id and are renamed: " + util::join(dataset.renamed, ", "));
  std::vector<Sample> samples = selected_samples(dataset, options);
  std::map<std::string, std::string> files; // every sample writes its own files
  for (const auto& s : samples) {
    auto [it, fresh] = files.emplace(util::to_lower(sample_path(s.id)), s.id);
    if (!fresh)
      throw UsageError(dataset.path + ": the ids \"" + it->second + "\" and \"" + s.id +
                       "\" give the same file name; rename one of them");
  }
  if (dataset.skipped_other_language > 0)
    util::progress("eval: " + std::to_string(dataset.skipped_other_language) + " rows of " + dataset.path +
                   " are not " + options.language + " and are skipped");
  return samples;
}

// What results.json and the report say the experiment was.
ExperimentInfo experiment_info(const EvalOptions& options, const Dataset& dataset, const llm::LlmClient& client,
                               const LlmConfig& llm) {
  return {dataset.path,
          to_string(dataset.kind),
          dataset.skipped_other_language,
          client.provider(),
          client.model(),
          options.rounds,
          options.knowledge,
          std::string(to_string(options.profile)),
          std::string(to_string(options.prompt_style)),
          options.reflect,
          llm.temperature,
          llm.max_output_tokens,
          options.seed,
          client.provider() != "anthropic"};
}

// Run `number` of the experiment over every sample, in `dir` (emptied first unless resuming).
RunResults run_numbered(const EvalOptions& options, const TrustedConfig& base_config, llm::LlmClient& client,
                        const std::vector<Sample>& samples, int number, const std::string& dir) {
  if (!options.resume) {
    std::error_code ignored;
    fs::remove_all(dir + "/samples", ignored);
    fs::remove(dir + "/knowledge.jsonl", ignored); // RefleXGen: each run's knowledge starts empty
  }
  TrustedConfig trusted = base_config;
  trusted.config.cache.directory = dir + "/intent-cache"; // the intent verdicts'
  trusted.config.cache.enabled = false;                   // no result cache: every run analyses afresh
  int entries = options.knowledge ? std::max(1, trusted.config.refine.knowledge_max_entries) : 0;
  TrustedConfig analysis = trusted;
  if (options.profile == EvalProfile::thesis) analysis.config.intent.enabled = false;
  Run run{options,
          std::move(trusted),
          std::move(analysis),
          client,
          llm::Budget(base_config.config.llm.budget_calls, base_config.config.llm.budget_input_tokens),
          nullptr,
          util::TempDir("codegate-eval"),
          dir,
          {},
          refine::KnowledgeBase(dir + "/knowledge.jsonl", entries)};
  run.empty = git::worktree_snapshot(run.empty_dir.path());
  run.knowledge.load();
  return run_once(run, samples, number, options.runs);
}

// results.json, report.html, missing_docstrings.txt, finetune.jsonl and each run's all_dialogues.json.
void write_outputs(const EvalOptions& options, const ExperimentInfo& info, const std::vector<RunResults>& runs,
                   const std::vector<std::string>& dirs) {
  auto write = [](const std::string& path, const std::string& text) {
    require(util::write_file(path, text), "cannot write the experiment's output (check --out)");
  };
  write(options.out_dir + "/results.json", results_json(info, runs));
  write(options.out_dir + "/report.html", html_report(info, runs));
  std::string missing;
  for (std::size_t r = 0; r < runs.size(); ++r)
    for (const auto& s : runs[r].samples)
      if (s.missing_docstring)
        missing += fs::relative(dirs[r] + "/code/" + sample_path(s.id), options.out_dir).string() + "\n";
  write(options.out_dir + "/missing_docstrings.txt", missing);
  write(options.out_dir + "/finetune.jsonl", finetune_lines(runs, dirs, options.prompt_style, false));
  for (std::size_t r = 0; r < runs.size(); ++r) {
    util::JsonWriter all;
    all.start_object();
    for (const auto& s : runs[r].samples) {
      std::string stem = sample_path(s.id);
      auto text = util::read_file(dirs[r] + "/dialogues/" + stem.substr(0, stem.size() - 3) + ".json");
      all.key(s.id).raw(text ? util::trim(*text) : "[]", rapidjson::kArrayType);
    }
    all.end_object();
    write(dirs[r] + "/all_dialogues.json", all.finish());
  }
}

} // namespace

int run_eval(const EvalOptions& options, const util::EnvLookup& env) {
  if (options.rounds < 0 || options.rounds > 10) throw UsageError("--rounds must be 0..10");
  if (options.runs < 1) throw UsageError("--runs must be 1 or more");
  Dataset dataset =
      read_dataset(options.dataset, options.language,
                   options.profile == EvalProfile::gate ? RowLanguages::target_only : RowLanguages::every);
  if (dataset.kind == DatasetKind::labelled_pairs)
    return run_intent_accuracy(options, dataset, experiment_config(options).config, env);
  std::vector<Sample> samples = checked_samples(dataset, options);
  TrustedConfig base_config = experiment_config(options);
  llm::LlmClientSetup setup = llm::make_llm_client(base_config.config.llm, env);
  for (const auto& w : setup.warnings) util::warn(w);
  if (!setup.client) throw UsageError("codegate eval needs an LLM: " + setup.reason);

  const ExperimentInfo info = experiment_info(options, dataset, *setup.client, base_config.config.llm);
  if (options.seed && !info.seed_sent)
    util::warn("eval: " + setup.client->provider() + " takes no seed; --seed is recorded but not sent");
  std::vector<RunResults> runs;
  std::vector<std::string> dirs;
  for (int number = 1; number <= options.runs; ++number) {
    dirs.push_back(run_dir(options, number));
    runs.push_back(run_numbered(options, base_config, *setup.client, samples, number, dirs.back()));
  }
  write_outputs(options, info, runs, dirs);
  const RunSummary& first = runs.front().summary;
  util::progress("eval: " + std::to_string(first.samples) + " samples: vulnerable " +
                 count_text(first.vulnerable_initial, first.pct(first.vulnerable_initial)) + " before refinement, " +
                 count_text(first.vulnerable_final, first.pct(first.vulnerable_final)) + " after; results in " +
                 options.out_dir + "/results.json");
  return 0;
}

namespace {

// What the experiment in `out_dir` was run with, from its results.json: the prompt style, and the
// prompt of every row of its data set (the expert samples cover rows the run did not reach).
struct ExportContext {
  PromptStyle style = PromptStyle::plain;
  std::map<std::string, std::string> prompts; // sample id -> generation prompt
};

ExportContext export_context(const std::string& out_dir) {
  ExportContext context;
  auto text = util::read_file(out_dir + "/results.json");
  if (!text) return context;
  rapidjson::Document doc = util::parse_json(*text);
  if (doc.HasParseError() || !doc.IsObject()) return context;
  auto member = [&doc](const char* name) {
    auto it = doc.FindMember(name);
    return it != doc.MemberEnd() && it->value.IsString() ? std::string(it->value.GetString()) : std::string();
  };
  context.style = parse_prompt_style(member("prompt_style")).value_or(PromptStyle::plain);
  EvalProfile profile = parse_eval_profile(member("profile")).value_or(EvalProfile::thesis);
  auto dataset = doc.FindMember("dataset");
  if (dataset == doc.MemberEnd() || !dataset->value.IsObject()) return context;
  auto path = dataset->value.FindMember("path");
  if (path == dataset->value.MemberEnd() || !path->value.IsString()) return context;
  try {
    Dataset rows = read_dataset(path->value.GetString(), "Python",
                                profile == EvalProfile::gate ? RowLanguages::target_only : RowLanguages::every);
    for (const auto& sample : rows.samples) context.prompts.emplace(sample.id, generation_prompt(sample));
  } catch (const UsageError& e) {
    util::warn("eval: the experiment's data set cannot be read again (" + std::string(e.what()) +
               "); expert samples are matched to the experiment's own samples only");
  }
  return context;
}

} // namespace

int export_finetune(const std::string& out_dir, const std::string& secure_samples, bool strip_docstrings) {
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
  ExportContext context = export_context(out_dir);
  std::string lines = finetune_lines(runs, dirs, context.style, strip_docstrings);
  int count = 0;
  for (char c : lines) count += c == '\n';
  if (!secure_samples.empty()) {
    if (!fs::is_directory(secure_samples))
      throw UsageError("--include-secure-samples: " + secure_samples + " is not a directory");
    std::map<std::string, std::string> prompts = context.prompts;
    for (const auto& run : runs)
      for (const auto& s : run.samples) prompts.emplace(s.id, s.prompt);
    ExpertSamples expert = expert_sample_lines(secure_samples, prompts, context.style, strip_docstrings);
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
