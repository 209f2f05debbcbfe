#include "pipeline/check.h"

#include <algorithm>
#include <filesystem>
#include <thread>

#include "core/error.h"
#include "filter/diff_filter.h"
#include "filter/fingerprint.h"
#include "git/repository.h"
#include "llm/budget.h"
#include "llm/connection.h"
#include "pipeline/analysis.h"
#include "pipeline/base_sources.h"
#include "pipeline/baseline.h"
#include "pipeline/cache_directory.h"
#include "pipeline/cached_analysis.h"
#include "pipeline/change.h"
#include "pipeline/gate_step.h"
#include "pipeline/line_agreement.h"
#include "pipeline/python_files.h"
#include "pipeline/refine_step.h"
#include "pipeline/report_writer.h"
#include "pipeline/revisions_from_ci.h"
#include "pipeline/roles_step.h"
#include "pipeline/shard.h"
#include "pipeline/size_limit.h"
#include "pipeline/skipped_notes.h"
#include "pipeline/trusted_config.h"
#include "pipeline/workspace.h"
#include "platform/publish.h"
#include "platform/review_plan.h"
#include "registry/registry.h"
#include "roles/project_settings.h"
#include "util/glob.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate {
namespace {

// Positional paths as the user typed them (relative to the current directory, or absolute),
// turned into repository-relative paths.
std::vector<std::string> repository_paths(const std::vector<std::string>& paths, const std::string& workdir) {
  std::vector<std::string> out;
  auto root = std::filesystem::weakly_canonical(workdir);
  for (const auto& path : paths) {
    auto absolute = std::filesystem::weakly_canonical(std::filesystem::absolute(path));
    auto relative = absolute.lexically_relative(root).generic_string();
    if (relative.empty() || relative == "." || relative.rfind("..", 0) == 0)
      throw UsageError("'" + path + "' is not a file inside the repository at " + workdir);
    out.push_back(relative);
  }
  return out;
}

bool is_python_file(const std::string& path, const git::Snapshot& analysed, const Config& config) {
  if (util::glob_match_any(config.include, path)) return true;
  auto content = analysed.read(path);
  return content && has_python_shebang(*content);
}

// The changed Python files (the configuration's include globs, or a Python shebang) that the
// exclude globs and the positional paths (when given) leave; the others go to `skipped`. A Python
// file the diff left out as binary is not skipped: it is one the gate cannot analyse
// (pipeline/line_agreement.h), so it goes to `files` and fails there. A compiled module
// (python_files.h) with any bytes goes to `compiled`, whatever its path: Python imports it as it
// would the source, and no analyzer can read it.
std::vector<std::string> select_files(const ChangeSet& changes, const git::Snapshot& analysed, const Config& config,
                                      const std::vector<std::string>& only, std::vector<SkippedFile>& skipped,
                                      std::vector<std::string>& compiled) {
  auto wanted = [&](const std::string& path) {
    return only.empty() || std::find(only.begin(), only.end(), path) != only.end();
  };
  // True when `path` is a compiled module: taken into `compiled`, or skipped when it is empty.
  auto take_compiled = [&](const std::string& path) {
    if (!is_compiled_module(path)) return false;
    auto content = analysed.read(path);
    if (content && content->empty())
      skipped.push_back({path, "an empty file (a compiled module's name, no code)"});
    else
      compiled.push_back(path);
    return true;
  };
  std::vector<std::string> files;
  for (const auto& file : changes.skipped) {
    if (!wanted(file.path)) continue;
    if (file.reason == "binary" && take_compiled(file.path)) continue;
    if (file.reason == "binary" && is_python_file(file.path, analysed, config) &&
        !util::glob_match_any(config.exclude, file.path)) {
      files.push_back(file.path);
      continue;
    }
    skipped.push_back(file);
  }
  for (const auto& file : changes.files) {
    if (!wanted(file.path) || take_compiled(file.path)) continue;
    if (!is_python_file(file.path, analysed, config)) {
      skipped.push_back({file.path, "not a Python file"});
      continue;
    }
    if (util::glob_match_any(config.exclude, file.path)) {
      skipped.push_back({file.path, "excluded by the configuration"});
      continue;
    }
    files.push_back(file.path);
  }
  std::sort(files.begin(), files.end());
  std::sort(compiled.begin(), compiled.end());
  return files;
}

// codegate/not-analysed for each compiled module the change adds or modifies.
std::vector<Finding> compiled_module_findings(const std::vector<std::string>& compiled) {
  std::vector<Finding> out;
  for (const auto& path : compiled) {
    out.push_back(not_analysed_finding(
        path,
        "it is a compiled Python module, which Python imports as it would the source, and no analyzer can "
        "read compiled code. Commit the source and build the module where it is installed.",
        1));
    util::progress(out.back().message);
  }
  assign_fingerprints(out);
  return out;
}

// Why the analyzers are not given `path` (too large, or lines and name the tools and git would
// count differently); nullopt when they are.
std::optional<std::string> not_analysed_reason(const std::string& path, const std::string& content,
                                               const ChangeSet& changes) {
  if (content.size() > max_analysed_bytes()) return too_large_reason(content.size());
  if (auto disagreement = line_disagreement(path, content)) return disagreement;
  if (changes.find(path) == nullptr) { // the diff left it out as binary: too few printable characters
    return "git calls it binary (too few printable characters in its first 8,000 bytes), so the diff has no "
           "lines to match findings to. Save it as UTF-8 text.";
  }
  return std::nullopt;
}

// The part of `files` that `spec` names; `result.shard` gets the part's diff for `codegate merge`.
std::vector<std::string> take_shard(const std::vector<std::string>& files, const ShardSpec& spec,
                                    const ResolvedChange& change, std::optional<Level> comment_level,
                                    CheckResult& result) {
  std::vector<SizedFile> sized;
  for (const auto& path : files) {
    auto content = change.analysed->read(path);
    sized.push_back({path, content ? content->size() : 0});
  }
  const std::vector<int> shards = assign_shards(sized, spec.count);
  ShardInfo info{spec.index, spec.count, static_cast<int>(files.size()), {}, comment_level};
  std::vector<std::string> mine;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (shards[i] != spec.index) continue;
    mine.push_back(files[i]);
    if (const ChangedFile* file = change.changes.find(files[i])) info.changes.push_back(*file);
  }
  util::progress("shard " + std::to_string(spec.index) + "/" + std::to_string(spec.count) + ": " +
                 std::to_string(mine.size()) + " of the change's " + std::to_string(files.size()) + " Python files");
  result.shard = std::move(info);
  return mine;
}

// " with pylint and bandit": the local tools the run starts; empty when it starts none.
std::string tools_named(const Config& config) {
  std::vector<std::string> names;
  for (const Analyzer* analyzer : analyzers())
    if (analyzer->in_baseline() && analyzer->enabled(config)) names.emplace_back(analyzer->name());
  if (names.empty()) return "";
  std::string last = names.back();
  names.pop_back();
  return " with " + (names.empty() ? last : util::join(names, ", ") + " and " + last);
}

Config apply_overrides(Config config, const CheckOptions& options) {
  if (options.filter_mode) config.filter_mode = *options.filter_mode;
  if (options.fail_level) apply_fail_level(config, *options.fail_level);
  if (options.jobs) config.jobs = *options.jobs;
  if (!options.llm_model.empty()) config.llm.model = options.llm_model;
  if (!options.llm_base_url.empty()) config.llm.base_url = options.llm_base_url;
  if (options.no_llm) config.intent.enabled = false;
  if (options.no_cache) config.cache.enabled = false;
  if (options.fix) config.refine.fix = *options.fix;
  if (options.max_rounds) config.refine.max_rounds = *options.max_rounds;
  if (options.baseline) config.baseline = *options.baseline;
  // Whole files: every line counts as the change's, old findings included (pre-commit's semantics).
  if (options.whole_files) config.baseline = BaselineMode::none;
  return config;
}

// The configuration a run obeys: from the base revision in CI (or --trusted-config-from), else
// from the working tree, with the command line's overrides and the resolved cache directory.
struct RunConfiguration {
  std::unique_ptr<git::Snapshot> source; // where it was read: the project's other settings come from there too
  TrustedConfig trusted;
  bool from_revision = false; // read from a commit, not the working tree
};

RunConfiguration load_run_configuration(git::Repository& repo, const CheckOptions& options,
                                        const ResolvedChange& change, const ci::CiContext& ci) {
  std::string trusted_rev = options.trusted_config_from;
  if (trusted_rev.empty() && options.in_ci) trusted_rev = change.trusted_sha;
  RunConfiguration run;
  run.source = trusted_rev.empty() ? git::worktree_snapshot(repo.workdir())
                                   : git::commit_snapshot(repo, repo.require_commit(trusted_rev));
  run.trusted = load_trusted_config(*run.source, options.config_file);
  run.trusted.config = apply_overrides(std::move(run.trusted.config), options);
  run.trusted.config.cache.directory = cache_directory(run.trusted.config, ci.env, repo.workdir(), run.trusted.notes);
  run.from_revision = !trusted_rev.empty();
  return run;
}

// What a shard may not do: each shard would publish or refine its part alone.
void refuse_shard_conflicts(const CheckOptions& options, const Config& config) {
  if (!options.shard) return;
  if (!options.publish.code_quality_file.empty() || !options.publish.gitlab_sast_file.empty())
    throw UsageError(
        "--shard publishes nothing: give --gitlab-code-quality and --gitlab-sast to codegate merge, "
        "which writes them for the whole change");
  if (config.refine.fix != FixMode::none)
    throw UsageError("--shard cannot refine (--fix " + std::string(to_string(config.refine.fix)) +
                     " here): each shard would commit or comment on its own; run the matrix with --fix none "
                     "and refine in one unsharded job");
}

// The changed files the run analyses: the Python files of the change (its include globs, or a
// shebang), less the generated, vendored and excluded ones (skipped with the rule that placed
// them; roles/), then this shard's part.
struct FileSelection {
  std::vector<std::string> files;
  bool python_changed = false;
  std::vector<SkippedFile> skipped;
  std::vector<std::string> compiled; // compiled modules the change adds or modifies: never analysed
  RoleAssignment roles;              // which files are test code, and why
};

FileSelection select_analysed_files(git::Repository& repo, const ResolvedChange& change, const RunConfiguration& run,
                                    const CheckOptions& options, const std::vector<std::string>& only,
                                    CheckResult& result) {
  const Config& config = run.trusted.config;
  FileSelection selection;
  selection.files = select_files(change.changes, *change.analysed, config, only, selection.skipped, selection.compiled);
  selection.python_changed = !selection.files.empty() || !selection.compiled.empty();
  if (!selection.files.empty()) {
    std::unique_ptr<git::Snapshot> base =
        change.changes.base_sha.empty() ? nullptr : git::commit_snapshot(repo, change.changes.base_sha);
    roles::FileRoles file_roles(config.roles, project_settings(*run.source, run.trusted));
    selection.files = assign_roles(selection.files, *change.analysed, base.get(), file_roles,
                                   change.analysed->list_files(), selection.skipped, selection.roles);
  }
  if (options.shard) {
    selection.files = take_shard(selection.files, *options.shard, change, config.comment_level, result);
    if (options.shard->index != 1) selection.compiled.clear(); // one shard reports them
  }
  return selection;
}

// The files the analyzers get, and a codegate/not-analysed finding for each one they cannot be
// given (too large, or lines Python and git count differently).
struct Analysable {
  std::vector<std::string> checked;
  std::vector<Finding> not_analysed;
};

Analysable split_analysable(const Workspace& workspace, const std::vector<std::string>& files,
                            const ChangeSet& changes) {
  Analysable out;
  for (const auto& path : files) {
    auto source = workspace.sources().find(path);
    if (source == workspace.sources().end()) continue;
    if (auto reason = not_analysed_reason(path, source->second, changes)) {
      out.not_analysed.push_back(
          not_analysed_finding(path, *reason, static_cast<int>(util::split_lines(source->second).size())));
      util::progress(out.not_analysed.back().message);
      continue;
    }
    out.checked.push_back(path);
  }
  assign_fingerprints(out.not_analysed);
  return out;
}

// What the analysis of the checked files needs from the run.
struct AnalysisRun {
  git::Repository& repo;
  const ResolvedChange& change;
  const TrustedConfig& trusted;
  const CheckOptions& options;
  const ci::CiContext& ci;
  util::ProcessRunner& processes;
  int jobs;
  llm::Connection& llm;
  llm::Budget& budget;
};

// Runs every analyzer over `checked` into `result` (test code held to test_code), and builds the
// base revision's findings into `baseline` while the intent check still waits for the model.
void analyse_checked(const AnalysisRun& run, Workspace& workspace, const std::vector<std::string>& checked,
                     const RoleAssignment& roles, CheckResult& result, Baseline& baseline) {
  const Config& config = run.trusted.config;
  const ChangeSet& changes = run.change.changes;
  util::progress("checking " + std::to_string(checked.size()) + (run.options.whole_files ? "" : " changed") +
                 " Python file" + (checked.size() == 1 ? "" : "s") + tools_named(config));
  AnalysisRequest request{.files = checked,
                          .changes = changes,
                          .processes = run.processes,
                          .jobs = run.jobs,
                          .log_dir = run.options.log_dir,
                          .intent = {run.llm.source(), &run.budget}};
  const std::map<std::string, std::string> base_sources = intent_base_sources(run.repo, changes, checked, config);
  request.base_sources = &base_sources;
  if (baseline_applies(config)) {
    // The base analysis overlaps the intent check instead of adding to the wall time after it.
    request.after_tools = [&](const std::vector<Finding>& tool_findings) {
      // As the gate will see them: test code's policy applied (its advisory findings fail nowhere,
      // so the change cannot have caused a failing one), then the diff filter.
      std::vector<Finding> annotated = tool_findings;
      std::vector<std::string> unused_docstrings;
      std::vector<std::string> unused_notes;
      apply_test_policy(annotated, unused_docstrings, roles, config.test_code, unused_notes);
      annotate(annotated, changes, config.filter_mode, config.suppressions);
      baseline = build_baseline({run.repo, changes, run.trusted, run.processes, run.jobs}, annotated);
    };
  }
  Analysis analysis = analyze(workspace, run.trusted, request);
  result.findings = std::move(analysis.findings);
  result.tools = std::move(analysis.tools);
  result.notes.insert(result.notes.end(), analysis.notes.begin(), analysis.notes.end());
  result.missing_docstrings = std::move(analysis.missing_docstrings);
  result.docstrings_required = config.intent.docstring_findings.value_or(true);
  apply_test_policy(result.findings, result.missing_docstrings, roles, config.test_code, result.notes);
}

// Publishes the result where the CI shows it (comments, annotations, reports), unless this is a
// shard: `codegate merge` publishes the whole change.
void publish_result(const CheckResult& result, const ChangeSet& changes, const CheckOptions& options,
                    const Config& config, const ci::CiContext& ci, const std::string& checkout) {
  if (options.shard) return;
  publish({.result = result,
           .changes = changes,
           .ci = ci,
           .options = options.publish,
           .staged = options.staged,
           .commands_on_stdout = options.format == ReportFormat::text,
           .sarif_file = options.sarif_file,
           .limits = config.http,
           .checkout = checkout,
           .comment_level = options.publish.comment_level.value_or(config.comment_level)});
}

} // namespace

ExitCode run_check(const CheckOptions& given, const ci::CiContext& ci, util::ProcessRunner& processes) {
  auto repo = git::Repository::open(given.repo, ci.git_index_file);
  // In CI, --base and --head default to what the CI says the change is (ci/ci_revisions.h).
  const CheckOptions options = with_ci_revisions(given, repo, ci.revisions);
  if (repo.workdir().empty())
    throw UsageError("'" + options.repo + "' is a bare repository; run codegate in a checkout");
  const std::vector<std::string> only = repository_paths(options.paths, repo.workdir());
  ResolvedChange change = resolve_change(repo, options, only);
  const RunConfiguration run = load_run_configuration(repo, options, change, ci);
  const Config& config = run.trusted.config;
  refuse_shard_conflicts(options, config);
  // Before any analysis: no report goes where a symbolic link in the checkout points.
  std::vector<std::string> patch;
  if (config.refine.fix == FixMode::patch) patch.push_back(config.refine.patch_file);
  check_report_paths(options, repo.workdir(), patch);
  if (run.from_revision) util::progress("configuration read from " + run.source->describe());

  CheckResult result;
  result.base_sha = change.changes.base_sha;
  result.head_sha = change.changes.head_sha;
  result.filter_mode = config.filter_mode;
  FileSelection selection = select_analysed_files(repo, change, run, options, only, result);
  const int jobs = config.jobs > 0 ? config.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // One LLM client and one llm.budget per run: the intent check, the repair prompts and the
  // re-checks of candidates all ask this client and draw on this budget.
  llm::Connection llm(config, ci.env);
  llm::Budget llm_budget(config.llm.budget_calls, config.llm.budget_input_tokens);
  std::optional<Workspace> workspace;
  Analysable analysable;
  if (!selection.files.empty()) {
    workspace.emplace(*change.analysed, selection.files);
    analysable = split_analysable(*workspace, selection.files, change.changes);
  }
  result.checked_files = analysable.checked;
  result.notes = skipped_notes(std::move(selection.skipped));
  result.notes.insert(result.notes.end(), run.trusted.notes.begin(), run.trusted.notes.end());
  result.notes.insert(result.notes.end(), selection.roles.notes.begin(), selection.roles.notes.end());

  Baseline baseline; // the base revision's findings (pipeline/baseline.h), built during the analysis
  if (!selection.python_changed) {
    result.notes.push_back("no Python files changed");
    util::progress("no Python files changed");
  } else if (!analysable.checked.empty()) {
    analyse_checked({repo, change, run.trusted, options, ci, processes, jobs, llm, llm_budget}, *workspace,
                    analysable.checked, selection.roles, result, baseline);
  }
  result.findings.insert(result.findings.end(), analysable.not_analysed.begin(), analysable.not_analysed.end());
  for (auto& finding : compiled_module_findings(selection.compiled)) result.findings.push_back(std::move(finding));

  result.baseline_applied = baseline_applies(config);
  filter_and_gate(result, change.changes, config, result.baseline_applied && workspace ? &baseline : nullptr);
  if (result.failed && config.refine.fix != FixMode::none && workspace) {
    run_refine_step(result, {.repo = repo,
                             .changes = change.changes,
                             .analysed = *change.analysed,
                             .workspace = *workspace,
                             .trusted = run.trusted,
                             .options = options,
                             .processes = processes,
                             .jobs = jobs,
                             .ci = ci,
                             .llm = llm,
                             .budget = llm_budget,
                             .baseline = result.baseline_applied ? &baseline : nullptr,
                             .roles = &selection.roles});
  }
  write_reports(result, options, ci, repo.workdir());
  publish_result(result, change.changes, options, config, ci, repo.workdir());
  report_verdict(result, options);
  return result.failed ? ExitCode::failed : ExitCode::pass;
}

} // namespace codegate
