#include "pipeline/analysis.h"

#include <algorithm>
#include <future>
#include <set>

#include "analyzers/bandit.h"
#include "analyzers/outside_repository.h"
#include "analyzers/pylint.h"
#include "analyzers/suppression_comments.h"
#include "filter/fingerprint.h"
#include "intent/intent_check.h"
#include "python/standard_library.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate {
namespace {

constexpr int k_max_snippet_lines = 5;

void merge(Analysis& analysis, AnalyzerOutput&& output) {
  analysis.findings.insert(analysis.findings.end(), std::make_move_iterator(output.findings.begin()),
                           std::make_move_iterator(output.findings.end()));
  analysis.tools.push_back(std::move(output.run));
  analysis.notes.insert(analysis.notes.end(), output.notes.begin(), output.notes.end());
}

// One finding per fact: where codegate reports a missing docstring (which the intent check and
// the missing_docstrings list use), Pylint's missing-*-docstring for the same unit goes.
void drop_duplicate_docstring_findings(std::vector<Finding>& findings) {
  std::set<std::pair<std::string, int>> codegate_units;
  for (const auto& f : findings)
    if (f.tool == "codegate" && f.rule_id == "missing-docstring") codegate_units.emplace(f.path, f.line);
  if (codegate_units.empty()) return;
  static const std::set<std::string> pylint_docstring_rules = {"C0114", "C0115", "C0116"};
  std::erase_if(findings, [&](const Finding& f) {
    return f.tool == "pylint" && pylint_docstring_rules.count(f.rule_id) != 0 &&
           codegate_units.count({f.path, f.line}) != 0;
  });
}

// The facts about Pylint and Bandit findings that come from the analysed bytes rather than
// from the tools: the comment that suppresses one, the module outside the repository one is about.
void interpret_tool_findings(std::vector<Finding>& findings, const Workspace& workspace) {
  attach_suppressions(findings, workspace.sources());
  bool about_modules =
      std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return !uninspectable_module(f).empty(); });
  if (!about_modules) return;
  if (const auto& standard_library = python::standard_library_modules())
    mark_outside_repository(findings, RepositoryModules(workspace.python_files()), *standard_library);
}

} // namespace

void attach_snippets(std::vector<Finding>& findings, const std::map<std::string, std::string>& sources) {
  std::map<std::string, std::vector<std::string_view>> lines_by_path;
  for (auto& f : findings) {
    auto source = sources.find(f.path);
    if (source == sources.end()) continue;
    auto [entry, inserted] = lines_by_path.try_emplace(f.path);
    if (inserted) entry->second = util::split_lines(source->second);
    const auto& lines = entry->second;
    int last = std::max(f.line, f.end_line);
    last = std::min({last, f.line + k_max_snippet_lines - 1, static_cast<int>(lines.size())});
    std::string snippet;
    for (int n = f.line; n <= last; ++n) {
      snippet += lines[static_cast<std::size_t>(n - 1)];
      snippet += '\n';
    }
    f.snippet = std::move(snippet);
  }
}

Analysis run_tools(Workspace& workspace, const TrustedConfig& trusted, const ToolRequest& request) {
  const Config& config = trusted.config;
  AnalyzerInput pylint_input{workspace.root(), request.files, "", config.pylint.args, request.jobs};
  if (!request.pylint_messages.empty()) {
    pylint_input.extra_args.push_back("--disable=all");
    pylint_input.extra_args.push_back("--enable=" + util::join(request.pylint_messages, ","));
  }
  // An explicit rcfile always, an empty one when the project has none (see run_pylint).
  pylint_input.config_file = trusted.pylint_rc
                                 ? workspace.write_config(trusted.pylint_rc->name, trusted.pylint_rc->content)
                                 : workspace.write_config("pylintrc", "");
  AnalyzerInput bandit_input{workspace.root(), request.files, "", config.bandit.args, 1};
  if (trusted.bandit_config)
    bandit_input.config_file = workspace.write_config(trusted.bandit_config->name, trusted.bandit_config->content);

  auto skipped = [](const char* name) {
    return AnalyzerOutput{{}, {name, "", "skipped", std::string(name) + " disabled in the configuration"}, {}};
  };
  auto pylint = std::async(std::launch::async, [&] {
    return config.pylint.enabled && request.pylint ? run_pylint(pylint_input, config.pylint) : skipped("pylint");
  });
  auto bandit = std::async(std::launch::async, [&] {
    return config.bandit.enabled && request.bandit ? run_bandit(bandit_input, config.bandit) : skipped("bandit");
  });
  // Wait for both before either get() can rethrow, so no thread outlives the workspace it reads.
  pylint.wait();
  bandit.wait();

  Analysis analysis;
  merge(analysis, pylint.get());
  merge(analysis, bandit.get());
  interpret_tool_findings(analysis.findings, workspace);
  attach_snippets(analysis.findings, workspace.sources());
  return analysis;
}

Analysis analyze(Workspace& workspace, const TrustedConfig& trusted, const AnalysisRequest& request) {
  IntentInput intent_input{request.changes, workspace.sources(), trusted.config, request.log_dir};
  auto intent = std::async(std::launch::async, [&] { return run_intent_check(intent_input, request.intent); });
  std::exception_ptr tools_failure;
  Analysis analysis;
  try {
    analysis = run_tools(workspace, trusted, {request.files, request.jobs, true, true, {}});
    if (request.after_tools) request.after_tools(analysis.findings);
  } catch (...) {
    tools_failure = std::current_exception();
  }
  // The intent check reads the workspace too: it must end before a failure leaves this scope.
  intent.wait();
  if (tools_failure) std::rethrow_exception(tools_failure);

  IntentOutput intent_output = intent.get();
  attach_snippets(intent_output.findings, workspace.sources());
  analysis.findings.insert(analysis.findings.end(), intent_output.findings.begin(), intent_output.findings.end());
  analysis.tools.push_back(intent_output.run);
  analysis.notes.insert(analysis.notes.end(), intent_output.notes.begin(), intent_output.notes.end());
  analysis.missing_docstrings = std::move(intent_output.missing_docstrings);

  drop_duplicate_docstring_findings(analysis.findings);
  assign_fingerprints(analysis.findings);
  return analysis;
}

} // namespace codegate
