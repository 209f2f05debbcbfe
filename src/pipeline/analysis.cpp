#include "pipeline/analysis.h"

#include <algorithm>
#include <future>

#include "analyzers/bandit.h"
#include "analyzers/pylint.h"
#include "filter/fingerprint.h"
#include "intent/intent_check.h"
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

Analysis analyze(Workspace& workspace, const TrustedConfig& trusted, const AnalysisRequest& request) {
  const Config& config = trusted.config;
  AnalyzerInput pylint_input{workspace.root(), request.files, "", config.pylint.args, request.jobs};
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
    return config.pylint.enabled ? run_pylint(pylint_input, config.pylint) : skipped("pylint");
  });
  auto bandit = std::async(std::launch::async, [&] {
    return config.bandit.enabled ? run_bandit(bandit_input, config.bandit) : skipped("bandit");
  });
  IntentInput intent_input{request.changes, workspace.sources(), config, request.log_dir};
  auto intent = std::async(std::launch::async, [&] { return run_intent_check(intent_input, request.intent); });

  // Wait for all three before any get() can rethrow, so no thread outlives the workspace it reads.
  pylint.wait();
  bandit.wait();
  intent.wait();

  Analysis analysis;
  merge(analysis, pylint.get());
  merge(analysis, bandit.get());
  IntentOutput intent_output = intent.get();
  analysis.findings.insert(analysis.findings.end(), intent_output.findings.begin(), intent_output.findings.end());
  analysis.tools.push_back(intent_output.run);
  analysis.notes.insert(analysis.notes.end(), intent_output.notes.begin(), intent_output.notes.end());
  analysis.missing_docstrings = std::move(intent_output.missing_docstrings);

  attach_snippets(analysis.findings, workspace.sources());
  assign_fingerprints(analysis.findings);
  return analysis;
}

} // namespace codegate
