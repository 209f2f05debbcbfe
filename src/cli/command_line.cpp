#include "cli/command_line.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "core/exit_code.h"
#include "core/policies.h"
#include "util/strings.h"

namespace codegate {
namespace {

// The choices read as text and turned into their types in the subcommands' callbacks, which run
// during the parse: parse_command_line owns them so they outlive it.
struct RawChoices {
  std::string filter_mode;
  std::string baseline;
  std::string fix_mode;
  CLI::Option* fix = nullptr; // counted: a bare --fix means patch
  std::string shard;
  std::string knowledge = "on";
  std::string profile = "thesis";
  std::string prompt_style = "plain";
  std::string export_dir;
  std::string format = "text"; // check's or merge's: one subcommand runs
  std::string comment;         // check's or merge's --comment; empty: the default
  std::string comment_level;
};

// What `check` and `merge` both write: the report files and what goes to stdout.
void add_report_options(CLI::App& command, CheckOptions& o, std::string& format) {
  command.add_option("--sarif", o.sarif_file, "Write SARIF 2.1.0 to FILE");
  command.add_option("--json", o.json_file, "Write the JSON report to FILE");
  command.add_option("--markdown", o.markdown_file, "Write the Markdown summary to FILE");
  command.add_option("--junit", o.junit_file, "Write JUnit XML to FILE (a test case per checked file)");
  command.add_option("--rdjson", o.rdjson_file, "Write reviewdog's Diagnostic Format (rdjson) to FILE");
  command.add_option("--format", format, "Report printed on stdout")
      ->check(CLI::IsMember(report_format_names()))
      ->capture_default_str();
}

// What `check` and `merge` both publish in CI; the choices are read as text (`raw`) and parsed
// into CheckOptions::publish by parse_publish_choices in the subcommand's callback.
void add_publish_options(CLI::App& command, CheckOptions& o, RawChoices& raw) {
  command
      .add_option("--comment", raw.comment,
                  "Pull/merge request comments in CI: " + util::join(comment_mode_names(), ", ") +
                      " (default: both, with a token)")
      ->check(CLI::IsMember(comment_mode_names()));
  command
      .add_option("--comment-level", raw.comment_level,
                  "Inline comments for the failing findings and those at this level or above that can fail: " +
                      util::join(inline_level_names(), ", ") +
                      " (default: comment_level in the configuration, else warning)")
      ->check(CLI::IsMember(inline_level_names()));
  command.add_option("--gitlab-code-quality", o.publish.code_quality_file,
                     "Write a GitLab Code Quality report to FILE");
  command.add_option("--gitlab-sast", o.publish.gitlab_sast_file, "Write a GitLab SAST report to FILE");
}

void parse_publish_choices(const RawChoices& raw, PublishOptions& publish) {
  if (!raw.comment.empty()) publish.comment = *parse_comment_mode(raw.comment);
  if (!raw.comment_level.empty()) publish.comment_level = *parse_inline_level(raw.comment_level);
}

void add_check_command(CLI::App& app, CommandLine& cl, RawChoices& raw) {
  CheckOptions& o = cl.check;
  CLI::App* check = app.add_subcommand("check", "Gate the change between --base and --head (or the staged index)");
  check->add_option("--repo", o.repo, "Repository (any directory inside it)")->capture_default_str();
  check->add_option("--base", o.base,
                    "Revision the change is compared against, via the merge base "
                    "(default: upstream, origin/HEAD, main, master)");
  check->add_option("--head", o.head, "Revision to analyse (default: HEAD)");
  check->add_flag("--staged", o.staged, "Check the index against HEAD (pre-commit)")
      ->excludes("--base")
      ->excludes("--head");
  check->add_flag("--whole-files", o.whole_files,
                  "Every line of the checked files counts as changed, and the named paths are checked even when "
                  "the change does not touch them (the pre-commit hooks: --staged --whole-files -- FILES)");
  check->add_option("--config", o.config_file, "Configuration file (default: .codegate.yml at the root)");
  check->add_option("--trusted-config-from", o.trusted_config_from,
                    "Read configuration from this revision instead of the working tree (automatic in CI)");
  check->add_option("--filter-mode", raw.filter_mode, "Which findings count: " + util::join(filter_mode_names(), ", "))
      ->check(CLI::IsMember(filter_mode_names()));
  check
      ->add_option("--fail-level", o.fail_level,
                   "Fail on any reported finding at this level or above, instead of the configured thresholds")
      ->check(CLI::IsMember(fail_level_names()));
  check
      ->add_option("--baseline", raw.baseline,
                   "Tell findings the base already had from new ones (default: the configuration, else base)")
      ->check(CLI::IsMember(baseline_mode_names()));
  add_report_options(*check, o, raw.format);
  check->add_option("--jobs", o.jobs, "Parallel Pylint processes (default: configuration, else the core count)")
      ->check(CLI::Range(1, 256));
  check->add_option("--llm-model", o.llm_model, "LLM model for the intent check");
  check->add_option("--llm-base-url", o.llm_base_url, "OpenAI-compatible (or Anthropic) endpoint");
  check->add_flag("--no-llm", o.no_llm, "Skip the LLM intent check");
  check->add_flag("--no-cache", o.no_cache, "Neither read nor write the result cache of Pylint and Bandit");
  check->add_option("--log-dir", o.log_dir, "Write every LLM exchange as JSON into DIR");
  // No default_str: CLI11 would print it as the option's default ("--fix ...=patch"); the bare
  // flag is turned into patch in the callback instead.
  raw.fix = check
                ->add_option("--fix", raw.fix_mode,
                             "Let the LLM refine failing files: " + util::join(fix_mode_names(), ", ") +
                                 " (default: refine.fix, else none; a bare --fix means patch)")
                ->expected(0, 1)
                ->type_name("[MODE]")
                ->check(CLI::IsMember(fix_mode_names()));
  check->add_option("--max-rounds", o.max_rounds, "Refine rounds per file (default 3)")->check(CLI::Range(1, 10));
  add_publish_options(*check, o, raw);
  check
      ->add_option("--shard", raw.shard,
                   "Analyse part K of N of the change (a CI matrix job), write the reports, publish nothing; "
                   "`codegate merge` combines the parts")
      ->type_name("K/N");
  check->add_option("paths", o.paths, "Restrict the check to these files");
  check->callback([&cl, &o, &raw] {
    cl.command = CommandLine::Command::check;
    o.format = *parse_report_format(raw.format);
    parse_publish_choices(raw, o.publish);
    if (!raw.shard.empty()) {
      o.shard = parse_shard(raw.shard);
      if (!o.shard) throw CLI::ValidationError("--shard", "'" + raw.shard + "' is not K/N with 1 <= K <= N <= 256");
    }
    if (!raw.filter_mode.empty()) o.filter_mode = filter_mode_named(raw.filter_mode);
    if (!raw.baseline.empty()) o.baseline = parse_baseline_mode(raw.baseline);
    if (raw.fix->count() > 0) o.fix = raw.fix_mode.empty() ? FixMode::patch : *parse_fix_mode(raw.fix_mode);
  });
}

void add_merge_command(CLI::App& app, CommandLine& cl, RawChoices& raw) {
  CLI::App* merge = app.add_subcommand(
      "merge", "Combine the JSON reports of `check --shard K/N` jobs into one verdict, report and comment");
  merge->add_option("shards", cl.merge.shard_files, "The shards' JSON reports (check --shard K/N --json FILE)")
      ->required();
  add_report_options(*merge, cl.merge.outputs, raw.format);
  add_publish_options(*merge, cl.merge.outputs, raw);
  merge->callback([&cl, &raw] {
    cl.command = CommandLine::Command::merge;
    cl.merge.outputs.format = *parse_report_format(raw.format);
    parse_publish_choices(raw, cl.merge.outputs.publish);
  });
}

// What an experiment runs on and how: the data set, the rounds and runs, the method's switches
// and the model's settings.
void add_experiment_options(CLI::App* ev, eval::EvalOptions& ev_options, RawChoices& raw) {
  ev->add_option("--dataset", ev_options.dataset,
                 "CodeEnhancer dataset.json, LLMSecEval JSON/CSV, SecurityEval JSONL or labelled pairs JSONL");
  ev->add_option("--out", ev_options.out_dir,
                 "Directory for code/, dialogues/, results.json, report.html, finetune.jsonl");
  ev->add_option("--rounds", ev_options.rounds, "Refinement rounds per sample (0: generate and verify only)")
      ->check(CLI::Range(0, 10))
      ->capture_default_str();
  ev->add_option("--runs", ev_options.runs, "Repeat the whole experiment; the summary gives mean and deviation")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  ev->add_option("--workers", ev_options.workers, "Samples worked on at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  ev->add_option("--limit", ev_options.limit, "Only the first N samples")->check(CLI::Range(1, 1000000));
  ev->add_option("--ids", ev_options.ids, "Only these samples (comma-separated ids)")->delimiter(',');
  ev->add_option("--knowledge", raw.knowledge,
                 "RefleXGen's knowledge base of accepted fixes, empty at each run's start")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  ev->add_option("--profile", raw.profile,
                 "thesis: the CodeEnhancer thesis as written (every row, every Bandit finding, the whole file against "
                 "its docstring, syntax errors refined); gate: the gate's own thresholds and checks")
      ->check(CLI::IsMember(eval::eval_profile_names()))
      ->capture_default_str();
  ev->add_option("--prompt-style", raw.prompt_style,
                 "Generation prompt: the task as written (plain) or asking for secure code")
      ->check(CLI::IsMember(eval::prompt_style_names()))
      ->capture_default_str();
  ev->add_flag("--reflect", ev_options.reflect,
               "RefleXGen: the model reviews its own code before each repair; reviews go into the knowledge base");
  ev->add_option("--temperature", ev_options.temperature,
                 "Sampling temperature of every request (default llm.temperature)")
      ->check(CLI::Range(0.0, 2.0));
  ev->add_option("--max-output-tokens", ev_options.max_output_tokens,
                 "Output limit of generation and checks (default llm.max_output_tokens)")
      ->check(CLI::Range(16, 200000));
  ev->add_option("--seed", ev_options.seed, "Sampling seed, sent where the provider takes one (OpenAI)");
  ev->add_option("--language,--language-filter", ev_options.language,
                 "Target language of LLMSecEval's <language>; --profile gate also skips rows of other languages")
      ->capture_default_str();
  ev->add_option("--llm-model", ev_options.llm_model, "Model to generate, check and refine with");
  ev->add_option("--llm-base-url", ev_options.llm_base_url, "OpenAI-compatible (or Anthropic) endpoint");
  ev->add_option("--config", ev_options.config_file, "Configuration file (default: .codegate.yml here, if any)");
  ev->add_option("--intent-context", ev_options.intent_context,
                 "Labelled pairs: what the intent prompt shows (overrides intent.context)")
      ->check(CLI::IsMember(intent_context_names()));
}

void add_eval_command(CLI::App& app, CommandLine& cl, RawChoices& raw) {
  eval::EvalOptions& ev_options = cl.eval;
  CLI::App* ev = app.add_subcommand(
      "eval", "Run the CodeEnhancer/RefleXGen experiment on a data set: generate, verify, refine, measure");
  add_experiment_options(ev, ev_options, raw);
  // What else eval does with finished experiments: resume one, export it, compare two.
  ev->add_flag("--resume", ev_options.resume,
               "Continue an interrupted run in --out; finished samples are not asked again");
  ev->add_option("--export-finetune", raw.export_dir,
                 "Only write DIR/finetune.jsonl from the finished experiment in DIR")
      ->excludes("--dataset");
  ev->add_option("--include-secure-samples", cl.include_secure_samples,
                 "With --export-finetune: add expert samples (<prompt id>.py files, e.g. LLMSecEval's)")
      ->needs("--export-finetune");
  ev->add_flag("--strip-docstrings", cl.strip_docstrings,
               "With --export-finetune: export the code without its docstrings")
      ->needs("--export-finetune");
  ev->add_option("--compare", cl.compare, "Only compare two finished experiments (their --out directories)")
      ->expected(2)
      ->excludes("--dataset")
      ->excludes("--export-finetune");
  ev->callback([&cl, &ev_options, &raw] {
    ev_options.knowledge = raw.knowledge == "on";
    ev_options.profile = *eval::parse_eval_profile(raw.profile);
    ev_options.prompt_style = *eval::parse_prompt_style(raw.prompt_style);
    if (!cl.compare.empty()) {
      cl.command = CommandLine::Command::eval_compare;
      return;
    }
    if (!raw.export_dir.empty()) {
      cl.command = CommandLine::Command::export_finetune;
      ev_options.out_dir = raw.export_dir;
      return;
    }
    if (ev_options.dataset.empty() || ev_options.out_dir.empty())
      throw CLI::ValidationError("eval",
                                 "--dataset and --out are required (or --export-finetune DIR, or --compare A B)");
    cl.command = CommandLine::Command::eval;
  });
}

void add_knowledge_command(CLI::App& app, CommandLine& cl) {
  CLI::App* knowledge_cmd = app.add_subcommand("knowledge", "The fix knowledge base the refine loop learns from");
  knowledge_cmd->require_subcommand(1);
  CLI::App* export_cmd = knowledge_cmd->add_subcommand("export", "Write the knowledge base as a fine-tuning data set");
  export_cmd->add_option("--finetune", cl.finetune_file, "OpenAI chat fine-tuning JSONL to write")->required();
  export_cmd->add_option("--knowledge", cl.knowledge_file, "The knowledge base to read")->capture_default_str();
  export_cmd->callback([&cl] { cl.command = CommandLine::Command::knowledge_export; });
}

} // namespace

CommandLine parse_command_line(int argc, char** argv) {
  CommandLine cl;
  CLI::App app{"codegate: gate a change to a Python code base with Pylint, Bandit and an LLM intent check", "codegate"};
  app.set_version_flag("--version", std::string("codegate ") + CODEGATE_VERSION);
  // At most one subcommand; "a subcommand is required" is checked after parsing (below), because
  // CLI11 reports a missing subcommand before an unknown option, and `codegate -V` must say -V.
  app.require_subcommand(0, 1);
  bool quiet = false, verbose = false;
  app.add_flag("-q,--quiet", quiet, "Print no progress on stderr");
  app.add_flag("-v,--verbose", verbose, "Print debugging detail on stderr");
  // As with git, -v and -q may follow the subcommand too: options a subcommand does not know fall
  // through to these (the subcommands below inherit the setting).
  app.fallthrough();

  RawChoices raw;
  add_check_command(app, cl, raw);
  add_merge_command(app, cl, raw);
  add_eval_command(app, cl, raw);
  add_knowledge_command(app, cl);

  try {
    app.parse(argc, argv);
    if (cl.command == CommandLine::Command::none) throw CLI::RequiredError::Subcommand(1);
  } catch (const CLI::CallForHelp& e) {
    cl.exit_now = app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    cl.exit_now = app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    cl.exit_now = app.exit(e);
  } catch (const CLI::ParseError& e) {
    // The help of the subcommand the mistake is in (check's when none was named yet).
    std::string command = "check";
    for (const CLI::App* sub : app.get_subcommands()) command = sub->get_name();
    std::cerr << "codegate: error: " << e.what() << "\nRun 'codegate --help' or 'codegate " << command
              << " --help' for usage.\n";
    cl.exit_now = static_cast<int>(ExitCode::usage);
  }
  cl.verbosity = quiet ? util::Verbosity::quiet : verbose ? util::Verbosity::verbose : util::Verbosity::normal;
  return cl;
}

} // namespace codegate
