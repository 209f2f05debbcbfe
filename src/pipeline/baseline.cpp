#include "pipeline/baseline.h"

#include <algorithm>
#include <set>

#include "filter/python_code.h"
#include "gate/verdict.h"
#include "pipeline/analysis.h"
#include "pipeline/roles_step.h"
#include "pipeline/workspace.h"
#include "registry/registry.h"
#include "util/glob.h"
#include "util/log.h"

namespace codegate {
namespace {

// A finding of an analyzer whose findings the base revision can have too (Pylint's, Bandit's).
bool is_tool_finding(const Finding& f) {
  const Analyzer* analyzer = analyzer_for(f);
  return analyzer != nullptr && analyzer->in_baseline();
}

// What the base analysis is asked for: per analyzer, the rules a base finding would need to match
// one of its head findings (checking only those costs a fraction of a full run; an analyzer that
// cannot narrow its checks runs them all) and the base files that can hold such a finding.
struct BasePlan {
  std::map<std::string, std::vector<std::string>, std::less<>> rules;
  std::map<std::string, std::vector<std::string>, std::less<>> files;
  std::vector<std::string> all_files;            // every analyzer's, once each, sorted
  std::map<std::string, std::string> unanalysed; // base paths the configuration keeps from the tools, with why
};

// For each analyzer: the base versions of changed and deleted files that contain the code of
// one of its selected findings, and the base version of each changed file with one of its
// findings that the change may have caused.
BasePlan plan_base(const ChangeSet& changes, const std::vector<Finding>& head, const Config& config,
                   const git::Snapshot& base) {
  std::map<std::string, std::set<std::string>, std::less<>> rules;
  std::map<std::string, std::set<std::string>, std::less<>> code;   // the code (python_code) of selected findings
  std::map<std::string, std::set<std::string>, std::less<>> caused; // base paths of files with a possibly caused one
  for (const auto& f : head) {
    bool selected = f.filter.selected && is_tool_finding(f);
    bool may_be = may_be_caused(f, config);
    if (!selected && !may_be) continue;
    const std::string name(analyzer_for(f)->name());
    if (!f.rule_id.empty()) rules[name].insert(f.rule_id);
    if (may_be) {
      const ChangedFile* file = changes.find(f.path);
      if (file != nullptr && file->status != ChangeStatus::added) caused[name].insert(file->old_path);
    } else if (std::string snippet_code = python_code(f.snippet); !snippet_code.empty()) {
      code[name].insert(std::move(snippet_code));
    }
  }
  BasePlan plan;
  if (code.empty() && caused.empty()) return plan;

  std::set<std::string> candidates(changes.deleted_files.begin(), changes.deleted_files.end());
  for (const auto& file : changes.files)
    if (file.status != ChangeStatus::added) candidates.insert(file.old_path);
  std::set<std::string> all;
  for (const auto& path : candidates) {
    bool is_caused =
        std::any_of(caused.begin(), caused.end(), [&](const auto& entry) { return entry.second.count(path) != 0; });
    if (!util::glob_match_any(config.include, path) || util::glob_match_any(config.exclude, path)) {
      if (is_caused)
        plan.unanalysed[path] =
            util::glob_match_any(config.include, path) ? "excluded by the configuration" : "not a Python file there";
      continue;
    }
    auto content = base.read(path);
    if (!content) continue;
    std::optional<std::string> text; // its code (python_code), read once when an analyzer's code is looked for
    for (const auto& [name, analyzer_rules] : rules) {
      bool needed = caused.count(name) != 0 && caused.at(name).count(path) != 0;
      if (!needed && code.count(name) != 0) {
        if (!text) text = python_code(*content);
        const auto& snippets = code.at(name);
        needed = std::any_of(snippets.begin(), snippets.end(),
                             [&](const std::string& snippet) { return text->find(snippet) != std::string::npos; });
      }
      if (!needed) continue;
      plan.files[name].push_back(path);
      all.insert(path);
    }
  }
  for (const auto& [name, ids] : rules)
    if (plan.files.count(name) != 0) plan.rules[name] = {ids.begin(), ids.end()};
  plan.all_files = {all.begin(), all.end()};
  return plan;
}

} // namespace

bool may_be_caused(const Finding& f, const Config& config) {
  return !f.filter.selected && f.filter.in_changed_file && is_tool_finding(f) && would_fail(f, config);
}

bool baseline_applies(const Config& config) {
  return config.baseline == BaselineMode::base &&
         (config.filter_mode == FilterMode::added || config.filter_mode == FilterMode::diff_context);
}

std::vector<std::string> baseline_files(const ChangeSet& changes, const std::vector<Finding>& head,
                                        const Config& config, const git::Snapshot& base) {
  return plan_base(changes, head, config, base).all_files;
}

Baseline build_baseline(const BaselineRequest& request, const std::vector<Finding>& head) {
  if (request.changes.base_sha.empty()) return {};
  const Config& config = request.trusted.config;
  auto snapshot = git::commit_snapshot(request.repo, request.changes.base_sha);
  BasePlan plan = plan_base(request.changes, head, config, *snapshot);
  std::map<std::string, std::string> unanalysed = std::move(plan.unanalysed);
  if (plan.all_files.empty()) return Baseline({}, std::move(unanalysed));

  // Each base file in the role the base's own settings give it, as an edit of it would have been
  // judged there: a generated, vendored or excluded one that no product code reached was not
  // analysed (none of its findings could fail); one product code reached was held to what an
  // edit of upstream code is (Pylint's errors advisory), a test file to the test-code policy
  // (advisory findings could not fail either).
  roles::FileRoles file_roles(config.roles, project_settings(*snapshot, request.trusted));
  std::vector<SkippedFile> skipped;
  RoleAssignment roles;
  const std::vector<std::string> files =
      assign_roles(plan.all_files, *snapshot, snapshot.get(), file_roles, snapshot->list_files(), skipped, roles);
  for (const auto& file : skipped) unanalysed[file.path] = file.reason;
  if (files.empty()) return Baseline({}, std::move(unanalysed));
  for (auto& [name, paths] : plan.files)
    std::erase_if(paths, [&](const std::string& path) { return unanalysed.count(path) != 0; });

  util::progress("baseline: analysing " + std::to_string(files.size()) + " file" + (files.size() == 1 ? "" : "s") +
                 " of the base revision " + request.changes.base_sha.substr(0, 7));
  Workspace workspace(*snapshot, files);
  Analysis base = run_tools(workspace, request.trusted,
                            {files, request.processes, request.jobs, std::move(plan.rules), std::move(plan.files)});
  std::vector<std::string> docstrings;
  std::vector<std::string> notes;
  apply_test_policy(base.findings, docstrings, roles, config.test_code, notes);
  return Baseline(std::move(base.findings), std::move(unanalysed));
}

int apply_baseline(const Baseline& baseline, std::vector<Finding>& head, const ChangeSet& changes,
                   const Config& config) {
  return baseline.mark(head, changes, [&config](const Finding& f) { return may_be_caused(f, config); });
}

} // namespace codegate
