#include "pipeline/baseline.h"

#include <algorithm>
#include <set>

#include "pipeline/analysis.h"
#include "pipeline/workspace.h"
#include "registry/registry.h"
#include "util/glob.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate {
namespace {

// A finding of an analyzer whose findings the base revision can have too (Pylint's, Bandit's).
bool is_tool_finding(const Finding& f) {
  const Analyzer* analyzer = analyzer_for(f);
  return analyzer != nullptr && analyzer->in_baseline();
}

// The analyzers to run at the base: those with a selected head finding, each only for the rules
// a base finding would need to match one, which costs a fraction of a full run (an analyzer that
// cannot narrow its checks runs them all).
std::map<std::string, std::vector<std::string>, std::less<>> selected_rules(const std::vector<Finding>& findings) {
  std::map<std::string, std::set<std::string>, std::less<>> ids;
  for (const auto& f : findings) {
    if (!f.filter.selected || !is_tool_finding(f)) continue;
    auto& rules = ids[std::string(analyzer_for(f)->name())];
    if (!f.rule_id.empty()) rules.insert(f.rule_id);
  }
  std::map<std::string, std::vector<std::string>, std::less<>> out;
  for (const auto& [name, rules] : ids) out[name] = {rules.begin(), rules.end()};
  return out;
}

} // namespace

bool baseline_applies(const Config& config) {
  return config.baseline == BaselineMode::base &&
         (config.filter_mode == FilterMode::added || config.filter_mode == FilterMode::diff_context);
}

std::vector<std::string> baseline_files(const ChangeSet& changes, const std::vector<Finding>& head,
                                        const Config& config, const git::Snapshot& base) {
  std::set<std::string> code; // the squeezed code of every selected Pylint and Bandit finding
  for (const auto& f : head) {
    if (!is_tool_finding(f) || !f.filter.selected) continue;
    std::string squeezed = util::squeeze_whitespace(f.snippet);
    if (!squeezed.empty()) code.insert(std::move(squeezed));
  }
  if (code.empty()) return {};

  std::set<std::string> candidates(changes.deleted_files.begin(), changes.deleted_files.end());
  for (const auto& file : changes.files)
    if (file.status != ChangeStatus::added) candidates.insert(file.old_path);
  std::vector<std::string> out;
  for (const auto& path : candidates) {
    if (!util::glob_match_any(config.include, path) || util::glob_match_any(config.exclude, path)) continue;
    auto content = base.read(path);
    if (!content) continue;
    std::string text = util::squeeze_whitespace(*content);
    bool holds_finding_code = std::any_of(
        code.begin(), code.end(), [&](const std::string& snippet) { return text.find(snippet) != std::string::npos; });
    if (holds_finding_code) out.push_back(path);
  }
  return out;
}

Baseline build_baseline(const BaselineRequest& request, const std::vector<Finding>& head) {
  if (request.changes.base_sha.empty()) return {};
  auto snapshot = git::commit_snapshot(request.repo, request.changes.base_sha);
  std::vector<std::string> files = baseline_files(request.changes, head, request.trusted.config, *snapshot);
  if (files.empty()) return {};
  util::progress("baseline: analysing " + std::to_string(files.size()) + " file" + (files.size() == 1 ? "" : "s") +
                 " of the base revision " + request.changes.base_sha.substr(0, 7));
  Workspace workspace(*snapshot, files);
  Analysis base = run_tools(workspace, request.trusted, {files, request.processes, request.jobs, selected_rules(head)});
  return Baseline(base.findings);
}

int apply_baseline(const Baseline& baseline, std::vector<Finding>& head) {
  if (baseline.empty()) return 0;
  return baseline.mark(head);
}

} // namespace codegate
