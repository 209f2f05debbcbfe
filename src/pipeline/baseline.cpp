#include "pipeline/baseline.h"

#include <set>

#include "git/snapshot.h"
#include "pipeline/analysis.h"
#include "pipeline/workspace.h"
#include "python/source_index.h"
#include "util/glob.h"
#include "util/log.h"

namespace codegate {
namespace {

bool is_tool_finding(const Finding& f) { return f.tool == "pylint" || f.tool == "bandit"; }

bool any_selected(const std::vector<Finding>& findings, const std::string& tool) {
  for (const auto& f : findings)
    if (f.tool == tool && f.filter.selected) return true;
  return false;
}

} // namespace

bool baseline_applies(const Config& config) {
  return config.baseline == BaselineMode::base &&
         (config.filter_mode == FilterMode::added || config.filter_mode == FilterMode::diff_context);
}

std::vector<std::string> baseline_files(const ChangeSet& changes, const std::vector<Finding>& head,
                                        const Config& config) {
  std::set<std::string> with_findings;
  for (const auto& f : head)
    if (is_tool_finding(f) && f.filter.selected) with_findings.insert(f.path);
  if (with_findings.empty()) return {};

  std::set<std::string> files(changes.deleted_files.begin(), changes.deleted_files.end());
  for (const auto& file : changes.files) {
    if (file.status == ChangeStatus::added) continue; // no base version
    if (with_findings.count(file.path) != 0 || file.removed_lines > 0) files.insert(file.old_path);
  }
  std::vector<std::string> out;
  for (const auto& path : files)
    if (util::glob_match_any(config.include, path) && !util::glob_match_any(config.exclude, path)) out.push_back(path);
  return out;
}

void attach_units(std::vector<Finding>& findings, const std::map<std::string, std::string>& sources) {
  std::map<std::string, std::string> needed;
  for (const auto& f : findings) {
    if (!is_tool_finding(f)) continue;
    auto source = sources.find(f.path);
    if (source != sources.end()) needed.insert(*source);
  }
  std::map<std::string, python::SourceIndex> indexes;
  for (auto& index : python::index_python_sources(needed)) indexes.emplace(index.path, std::move(index));
  for (auto& f : findings) {
    if (!is_tool_finding(f)) continue;
    auto index = indexes.find(f.path);
    if (index == indexes.end()) continue;
    const python::SourceUnit* innermost = nullptr;
    for (const auto& unit : index->second.units) {
      if (unit.kind == python::UnitKind::module || f.line < unit.start_line || f.line > unit.end_line) continue;
      if (innermost == nullptr || unit.start_line >= innermost->start_line) innermost = &unit;
    }
    f.unit = innermost != nullptr ? innermost->qualified_name : "";
  }
}

Baseline build_baseline(const BaselineRequest& request, const std::vector<Finding>& head) {
  const Config& config = request.trusted.config;
  std::vector<std::string> files = baseline_files(request.changes, head, config);
  if (files.empty() || request.changes.base_sha.empty()) return {};
  util::progress("baseline: analysing " + std::to_string(files.size()) + " file" + (files.size() == 1 ? "" : "s") +
                 " of the base revision " + request.changes.base_sha.substr(0, 7));
  auto snapshot = git::commit_snapshot(request.repo, request.changes.base_sha);
  Workspace workspace(*snapshot, files);
  std::vector<std::string> present;
  for (const auto& path : files)
    if (workspace.sources().count(path) != 0) present.push_back(path);
  if (present.empty()) return {};
  Analysis base = run_tools(workspace, request.trusted,
                            {present, request.jobs, any_selected(head, "pylint"), any_selected(head, "bandit")});
  attach_units(base.findings, workspace.sources());
  return Baseline(base.findings);
}

int apply_baseline(const Baseline& baseline, std::vector<Finding>& head,
                   const std::map<std::string, std::string>& head_sources) {
  if (baseline.empty()) return 0;
  attach_units(head, head_sources);
  return baseline.mark(head);
}

} // namespace codegate
