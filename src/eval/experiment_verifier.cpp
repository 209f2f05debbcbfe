#include "eval/experiment_verifier.h"

#include "eval/functional_check.h"

namespace codegate::eval {
namespace {

// The gate's per-unit intent check: a mismatch among the failing findings, or none where it ran.
intent::Verdict gate_verdict(const std::vector<Finding>& failing, ToolStatus intent_status) {
  for (const auto& f : failing)
    if (f.rule_id == "intent-mismatch") return intent::Verdict::inconsistent;
  return intent_status == ToolStatus::ok ? intent::Verdict::consistent : intent::Verdict::unchecked;
}

} // namespace

refine::Verification ExperimentVerifier::verify(const std::map<std::string, std::string>& files,
                                                const std::string& name) {
  refine::Verification out = gate_.verify(files, name);
  std::map<std::string, intent::Verdict> verdicts;
  if (functional_ == nullptr) {
    for (const auto& [path, code] : files) verdicts[code] = gate_verdict(out.failing[path], out.intent_status);
  } else {
    bool all_checked = true;
    for (const auto& [path, code] : files) {
      FunctionalVerdict v = check_functionality(path, code, functional_->client, functional_->budget,
                                                functional_->max_tokens, functional_->temperature);
      auto& failing = out.failing[path];
      failing.insert(failing.end(), v.findings.begin(), v.findings.end());
      all_checked = all_checked && v.verdict != intent::Verdict::unchecked;
      verdicts[code] = v.verdict;
    }
    out.intent_status = all_checked ? ToolStatus::ok : ToolStatus::unavailable;
  }
  std::lock_guard lock(mutex_);
  for (const auto& [code, verdict] : verdicts) verdicts_[code] = verdict;
  return out;
}

intent::Verdict ExperimentVerifier::verdict_of(const std::string& code) const {
  std::lock_guard lock(mutex_);
  auto it = verdicts_.find(code);
  return it == verdicts_.end() ? intent::Verdict::unchecked : it->second;
}

} // namespace codegate::eval
