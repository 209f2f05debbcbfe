#include "pipeline/analysis.h"

#include <algorithm>
#include <future>
#include <memory>
#include <set>

#include "core/error.h"
#include "filter/fingerprint.h"
#include "pipeline/cached_analysis.h"
#include "pipeline/finding_units.h"
#include "python/source_index.h"
#include "python/standard_library.h"
#include "registry/registry.h"
#include "util/files.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate {
namespace {

constexpr int k_max_snippet_lines = 5;
// A snippet repeats its line in every report, once per finding: 1,000 findings on one 100 KB line
// must not make 100 MB of each report.
constexpr std::size_t k_max_snippet_line_bytes = 240;

void merge(Analysis& analysis, AnalyzerOutput&& output) {
  analysis.findings.insert(analysis.findings.end(), std::make_move_iterator(output.findings.begin()),
                           std::make_move_iterator(output.findings.end()));
  analysis.tools.push_back(std::move(output.run));
  analysis.notes.insert(analysis.notes.end(), output.notes.begin(), output.notes.end());
  analysis.missing_docstrings.insert(analysis.missing_docstrings.end(), output.missing_docstrings.begin(),
                                     output.missing_docstrings.end());
}

// One finding per fact: where codegate reports a missing docstring (which the intent check and
// the missing_docstrings list use), another analyzer's (Pylint's missing-*-docstring) for the
// same unit goes.
void drop_duplicate_docstring_findings(std::vector<Finding>& findings) {
  auto missing_docstring = [](const Finding& f) {
    const Analyzer* analyzer = analyzer_for(f);
    return analyzer != nullptr && analyzer->reports_missing_docstring(f);
  };
  std::set<std::pair<std::string, int>> codegate_units;
  for (const auto& f : findings)
    if (is_own_finding(f) && missing_docstring(f)) codegate_units.emplace(f.path, f.line);
  if (codegate_units.empty()) return;
  std::erase_if(findings, [&](const Finding& f) {
    return !is_own_finding(f) && codegate_units.count({f.path, f.line}) != 0 && missing_docstring(f);
  });
}

// One codegate/not-analysed finding a file: Pylint and Bandit both refuse a file neither can parse.
void drop_duplicate_not_analysed(std::vector<Finding>& findings) {
  std::set<std::string> seen;
  std::erase_if(findings, [&](const Finding& f) { return is_not_analysed(f) && !seen.insert(f.path).second; });
}

// What the analyzers read to finish their findings (Analyzer::complete).
AnalyzedTree analyzed_tree(const Workspace& workspace) {
  auto standard_library = [] {
    const auto& modules = python::standard_library_modules();
    return modules ? &*modules : nullptr;
  };
  auto indexes = [&sources = workspace.sources()](const std::set<std::string>& paths) {
    std::map<std::string, std::string> asked;
    for (const auto& path : paths)
      if (auto it = sources.find(path); it != sources.end()) asked.emplace(path, it->second);
    return python::index_python_sources(asked);
  };
  auto narrowings = [indexes](const std::set<std::string>& paths) {
    std::map<std::string, std::vector<Narrowing>> out;
    for (auto& index : indexes(paths)) out.emplace(index.path, std::move(index.narrowings));
    return out;
  };
  auto fixed_scheme_urls = [indexes](const std::set<std::string>& paths) {
    std::map<std::string, std::vector<int>> out;
    for (auto& index : indexes(paths)) out.emplace(index.path, std::move(index.fixed_scheme_url_lines));
    return out;
  };
  // Any Python file of the tree: a checked one's analysed bytes, another's as written under the root.
  auto definitions = [&workspace](const std::set<std::string>& paths) {
    std::map<std::string, std::string> asked;
    const auto& files = workspace.python_files();
    for (const auto& path : paths) {
      if (auto it = workspace.sources().find(path); it != workspace.sources().end()) {
        asked.emplace(path, it->second);
      } else if (std::find(files.begin(), files.end(), path) != files.end()) {
        if (auto content = util::read_file(workspace.root() + "/" + path))
          asked.emplace(path, std::move(content).value());
      }
    }
    std::map<std::string, ModuleDefinitions> out;
    for (auto& index : python::index_python_sources(asked)) out.emplace(index.path, std::move(index.definitions));
    return out;
  };
  return {workspace.sources(), workspace.python_files(), standard_library, narrowings, fixed_scheme_urls, definitions};
}

// What the analyzers of one analysis share: the workspace, the files, the change and the run's services.
struct JobBase {
  Workspace& workspace;
  const TrustedConfig& trusted;
  const std::vector<std::string>& files;
  const ChangeSet& changes;
  util::ProcessRunner& processes;
  int jobs = 1;
  ServiceAccess services; // for the analyzers that ask a service only
};

// One analyzer started on its own thread, with the job it reads until it ends. `output` is
// declared last so it is destroyed first: a std::async future's destructor waits for the thread,
// so even when an exception unwinds a vector of these, no thread outlives its job.
struct Started {
  const Analyzer* analyzer;
  std::unique_ptr<AnalyzerJob> job;
  std::future<AnalyzerOutput> output;
};

AnalyzerOutput skipped(const Analyzer& analyzer) {
  std::string name(analyzer.name());
  return AnalyzerOutput{{}, {name, "", ToolStatus::skipped, name + " disabled in the configuration"}, {}, {}};
}

// False for an opt-in analyzer the configuration leaves off: not run, and in no report.
bool listed(const Analyzer& analyzer, const Config& config) { return !analyzer.opt_in() || analyzer.enabled(config); }

// Starts `analyzer` (when the configuration and `run` allow it). Its configuration file is
// written here, on the calling thread, before the analyzer's own thread starts.
Started start(const Analyzer& analyzer, const JobBase& base, bool run, std::vector<std::string> only_rules) {
  const Config& config = base.trusted.config;
  Started started{&analyzer, nullptr, {}};
  if (!run || !analyzer.enabled(config)) {
    std::promise<AnalyzerOutput> done;
    done.set_value(skipped(analyzer));
    started.output = done.get_future();
    return started;
  }
  started.job =
      std::make_unique<AnalyzerJob>(AnalyzerJob{.root = base.workspace.root(),
                                                .files = base.files,
                                                .sources = base.workspace.sources(),
                                                .changes = base.changes,
                                                .config = config,
                                                .processes = base.processes,
                                                .only_rules = std::move(only_rules),
                                                .jobs = analyzer_jobs(base.files.size(), base.jobs),
                                                .services = analyzer.in_baseline() ? nullptr : &base.services});
  if (auto file = analyzer.config_file(base.trusted.tool_file(analyzer)))
    started.job->config_file = base.workspace.write_config(file->name, file->content);
  if (auto policy = cache_policy(analyzer, *started.job)) {
    started.output = std::async(std::launch::async, [&analyzer, policy = *policy, job = started.job.get(),
                                                     &files = base.workspace.python_files()] {
      return run_cached(analyzer, policy, *job, files);
    });
  } else {
    started.output =
        std::async(std::launch::async, [&analyzer, job = started.job.get()] { return analyzer.run(*job); });
  }
  return started;
}

// Waits for every one before any get() can rethrow, so no thread outlives the workspace it reads.
void wait_all(std::vector<Started>& started) {
  for (auto& s : started) s.output.wait();
}

// Every tool finding must name a file the tools were given: one that names another (a path the
// tool printed in other bytes) would match no line of the change and pass unseen.
void require_given_paths(const std::vector<Finding>& findings, const std::vector<std::string>& files) {
  std::set<std::string_view> given(files.begin(), files.end());
  for (const auto& f : findings) {
    if (given.count(f.path) != 0) continue;
    throw ToolError(f.tool + " reported " + f.rule_id + " for '" + f.path +
                    "', which is not a path it was given, so the gate cannot match it to the change");
  }
}

const ChangeSet& no_changes() {
  static const ChangeSet empty;
  return empty;
}

Analysis run_baseline_analyzers(const JobBase& base, const ToolRequest& request) {
  std::vector<Started> started;
  for (const Analyzer* analyzer : analyzers()) {
    if (!analyzer->in_baseline() || !listed(*analyzer, base.trusted.config)) continue;
    bool run = true;
    std::vector<std::string> only_rules;
    if (request.only) {
      auto only = request.only->find(analyzer->name());
      run = only != request.only->end();
      if (run) only_rules = only->second;
    }
    auto files = request.only_files.find(analyzer->name());
    if (files == request.only_files.end()) {
      started.push_back(start(*analyzer, base, run, std::move(only_rules)));
      continue;
    }
    // Only the file list differs: the job refers to the one in `request`, which outlives the threads.
    const JobBase narrowed{.workspace = base.workspace,
                           .trusted = base.trusted,
                           .files = files->second,
                           .changes = base.changes,
                           .processes = base.processes,
                           .jobs = base.jobs,
                           .services = base.services};
    started.push_back(start(*analyzer, narrowed, run && !files->second.empty(), std::move(only_rules)));
  }
  wait_all(started);
  Analysis analysis;
  for (auto& s : started) merge(analysis, s.output.get());
  require_given_paths(analysis.findings, request.files);
  drop_duplicate_not_analysed(analysis.findings);
  const AnalyzedTree tree = analyzed_tree(base.workspace);
  for (auto& s : started) s.analyzer->complete(analysis.findings, tree, analysis.notes);
  attach_units(analysis.findings, base.workspace.sources());
  if (int cut = attach_snippets(analysis.findings, base.workspace.sources()); cut > 0)
    analysis.notes.push_back(snippets_cut_note(cut));
  return analysis;
}

} // namespace

int attach_snippets(std::vector<Finding>& findings, const std::map<std::string, std::string>& sources) {
  std::map<std::string, std::vector<std::string_view>> lines_by_path;
  int cut = 0;
  for (auto& f : findings) {
    auto source = sources.find(f.path);
    if (source == sources.end()) continue;
    auto [entry, inserted] = lines_by_path.try_emplace(f.path);
    if (inserted) entry->second = util::split_lines(source->second);
    const auto& lines = entry->second;
    int last = std::max(f.line, f.end_line);
    last = std::min({last, f.line + k_max_snippet_lines - 1, static_cast<int>(lines.size())});
    std::string snippet;
    bool shortened = false;
    for (int n = f.line; n <= last; ++n) {
      std::string_view line = lines[static_cast<std::size_t>(n - 1)];
      // The finding's own line is cut around its column, the others from their start.
      std::size_t around = n == f.line ? static_cast<std::size_t>(std::max(0, f.column - 1)) : 0;
      std::string_view part = util::window_utf8(line, around, k_max_snippet_line_bytes);
      if (part.size() < line.size()) {
        shortened = true;
        snippet += part.data() == line.data() ? "" : "...";
        snippet += part;
        snippet += part.data() + part.size() == line.data() + line.size() ? "" : "...";
      } else {
        snippet += line;
      }
      snippet += '\n';
    }
    if (shortened) ++cut;
    f.snippet = std::move(snippet);
  }
  return cut;
}

std::string snippets_cut_note(int cut) {
  return std::to_string(cut) + (cut == 1 ? " finding's snippet was" : " findings' snippets were") + " cut to " +
         std::to_string(k_max_snippet_line_bytes) + " bytes a line (\"...\" marks the cut)";
}

Analysis run_tools(Workspace& workspace, const TrustedConfig& trusted, const ToolRequest& request) {
  return run_baseline_analyzers({workspace, trusted, request.files, no_changes(), request.processes, request.jobs, {}},
                                request);
}

Analysis analyze(Workspace& workspace, const TrustedConfig& trusted, const AnalysisRequest& request) {
  JobBase base{workspace,
               trusted,
               request.files,
               request.changes,
               request.processes,
               request.jobs,
               {request.intent.client, request.intent.budget, request.log_dir, request.base_sources}};
  // The analyzers that ask a service (the intent check) start first: they wait the longest.
  std::vector<Started> others;
  for (const Analyzer* analyzer : analyzers())
    if (!analyzer->in_baseline() && listed(*analyzer, trusted.config))
      others.push_back(start(*analyzer, base, true, {}));
  std::exception_ptr tools_failure;
  Analysis analysis;
  try {
    analysis = run_baseline_analyzers(base, {request.files, request.processes, request.jobs, std::nullopt});
    if (request.after_tools) request.after_tools(analysis.findings);
  } catch (...) {
    tools_failure = std::current_exception();
  }
  // The others read the workspace too: they must end before a failure leaves this scope.
  wait_all(others);
  if (tools_failure) std::rethrow_exception(tools_failure);

  for (auto& s : others) {
    AnalyzerOutput output = s.output.get();
    s.analyzer->complete(output.findings, analyzed_tree(workspace), output.notes);
    if (int cut = attach_snippets(output.findings, workspace.sources()); cut > 0)
      output.notes.push_back(snippets_cut_note(cut));
    merge(analysis, std::move(output));
  }

  drop_duplicate_docstring_findings(analysis.findings);
  assign_fingerprints(analysis.findings);
  return analysis;
}

} // namespace codegate
