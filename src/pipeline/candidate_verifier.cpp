#include "pipeline/candidate_verifier.h"

#include <algorithm>
#include <vector>

#include "git/buffer_diff.h"
#include "pipeline/analysis.h"
#include "pipeline/baseline.h"
#include "pipeline/gate_step.h"
#include "pipeline/workspace.h"
#include "registry/registry.h"

namespace codegate {
namespace {

// The analysed revision with some files replaced by candidates, so a candidate is analysed with
// exactly the neighbours (imports) the original was.
class OverlaySnapshot : public git::Snapshot {
public:
  OverlaySnapshot(const git::Snapshot& base, const std::map<std::string, std::string>& overlay)
      : base_(base), overlay_(overlay) {}
  std::optional<std::string> read(const std::string& path) const override {
    auto it = overlay_.find(path);
    if (it != overlay_.end()) return it->second;
    return base_.read(path);
  }
  std::vector<std::string> list_files() const override { return base_.list_files(); }
  std::string describe() const override { return base_.describe() + " with refine candidates"; }

private:
  const git::Snapshot& base_;
  const std::map<std::string, std::string>& overlay_;
};

} // namespace

CandidateVerifier::CandidateVerifier(const CandidateVerifierSetup& setup) : setup_(setup) {}

// The candidate's diff starts at the file's bytes at the base: under its old name when the
// change renamed it, none when the change added it.
ChangedFile CandidateVerifier::changed_file(const std::string& path, const std::string& candidate) {
  const ChangedFile* changed = setup_.changes.find(path);
  std::string old_path = changed != nullptr ? changed->old_path : path;
  auto base_text = base_texts_.find(path);
  if (base_text == base_texts_.end()) {
    bool added = changed != nullptr && changed->status == ChangeStatus::added;
    std::optional<std::string> text;
    if (setup_.base != nullptr && !added) text = setup_.base->read(old_path);
    base_text = base_texts_.emplace(path, std::move(text)).first;
  }
  return git::changed_file(path, old_path, base_text->second, candidate);
}

refine::Verification CandidateVerifier::verify(const std::map<std::string, std::string>& files,
                                               const std::string& name) {
  std::vector<std::string> paths;
  ChangeSet changes = setup_.changes;
  for (const auto& replaced : files) {
    const std::string& path = replaced.first; // a name, not a binding: clang 14 cannot capture those
    paths.push_back(path);
    ChangedFile file = changed_file(path, replaced.second);
    auto existing =
        std::find_if(changes.files.begin(), changes.files.end(), [&](const ChangedFile& f) { return f.path == path; });
    if (existing != changes.files.end()) {
      file.status = existing->status;
      *existing = std::move(file);
    } else {
      changes.files.push_back(std::move(file));
    }
  }
  OverlaySnapshot snapshot(setup_.analysed, files);
  Workspace workspace(snapshot, paths);
  std::string log_dir = setup_.log_dir.empty() ? "" : setup_.log_dir + "/" + name;
  const Config& config = setup_.trusted.config;
  // intent.context: unit+base: a candidate's units are judged against the same base versions as
  // the original's were, so a revision cannot lose an intent finding by losing the context.
  std::map<std::string, std::string> base_sources;
  if (config.intent.context == IntentContext::unit_and_base) {
    for (const auto& path : paths) {
      auto text = base_texts_.find(path);
      if (text != base_texts_.end() && text->second) base_sources[path] = *text->second;
    }
  }
  Analysis analysis = analyze(workspace, setup_.trusted,
                              {.files = paths,
                               .changes = changes,
                               .processes = setup_.processes,
                               .jobs = setup_.jobs,
                               .log_dir = log_dir,
                               .intent = {setup_.client, setup_.budget},
                               .base_sources = &base_sources});
  CheckResult gated;
  gated.findings = std::move(analysis.findings);
  // Test code is held to test_code here as in the check, so a fix to a test file is judged as
  // the file was.
  if (setup_.roles != nullptr)
    apply_test_policy(gated.findings, analysis.missing_docstrings, *setup_.roles, config.test_code, gated.notes);
  filter_and_gate(gated, changes, config, setup_.baseline);

  refine::Verification out;
  if (const ToolRun* intent_run = intent_check_run(analysis.tools)) out.intent_status = intent_run->status;
  for (const auto& path : paths) out.failing[path];
  for (auto& f : gated.findings)
    if (f.fails_gate && out.failing.count(f.path) != 0) out.failing[f.path].push_back(std::move(f));
  return out;
}

} // namespace codegate
