#include "eval/results.h"

#include <cmath>
#include <cstdio>

#include "registry/registry.h"

namespace codegate::eval {

using intent::Verdict;

std::string to_string(SampleStatus status) {
  switch (status) {
    case SampleStatus::secure: return "secure";
    case SampleStatus::vulnerable: return "vulnerable";
    case SampleStatus::syntax_error: return "syntax-error";
    case SampleStatus::generation_failed: return "generation-failed";
  }
  return "generation-failed";
}

std::optional<SampleStatus> sample_status_from(const std::string& name) {
  for (auto status :
       {SampleStatus::secure, SampleStatus::vulnerable, SampleStatus::syntax_error, SampleStatus::generation_failed}) {
    if (to_string(status) == name) return status;
  }
  return std::nullopt;
}

bool vulnerable(const RoundResult& round) {
  for (const auto& f : round.findings) {
    if (security_tool(f.tool)) return true;
  }
  return false;
}

namespace {

SampleStatus status_of(const RoundResult& round) {
  if (round.syntax_error) return SampleStatus::syntax_error;
  return vulnerable(round) ? SampleStatus::vulnerable : SampleStatus::secure;
}

const RoundResult& last_kept(const SampleResult& sample) {
  for (auto it = sample.rounds.rbegin(); it != sample.rounds.rend(); ++it) {
    if (it->accepted) return *it;
  }
  return sample.rounds.front();
}

void count_cwes(const RoundResult& round, std::map<std::string, int>& counts) {
  for (const auto& f : round.findings) {
    if (security_tool(f.tool)) ++counts[f.cwe.empty() ? "unmapped" : f.cwe];
  }
}

} // namespace

SampleStatus final_status(const SampleResult& sample) {
  if (sample.rounds.empty()) return SampleStatus::generation_failed;
  return status_of(last_kept(sample));
}

RunSummary summarise(const std::vector<SampleResult>& samples, int rounds) {
  RunSummary s;
  s.samples = static_cast<int>(samples.size());
  s.cumulative_secure.assign(static_cast<std::size_t>(rounds) + 1, 0);
  for (const auto& sample : samples) {
    s.llm_calls += sample.llm_calls;
    s.input_tokens += sample.input_tokens;
    s.output_tokens += sample.output_tokens;
    if (sample.rounds.empty()) {
      ++s.generation_failed;
      ++s.unresolved_count;
      continue;
    }
    const RoundResult& first = sample.rounds.front();
    const RoundResult& last = last_kept(sample);
    if (vulnerable(first)) ++s.vulnerable_initial;
    if (first.syntax_error) ++s.syntax_errors_initial;
    count_cwes(first, s.cwe_initial);
    count_cwes(last, s.cwe_final);
    SampleStatus status = status_of(last);
    if (status == SampleStatus::vulnerable) ++s.vulnerable_final;
    if (status == SampleStatus::syntax_error) ++s.syntax_errors_final, ++s.unresolved_count;
    if (status == SampleStatus::secure) ++s.secure_count;
    if (status != SampleStatus::syntax_error) ++s.effective_total;
    if (last.intent != Verdict::unchecked) ++s.intent_checked;
    if (last.intent == Verdict::consistent) ++s.intent_consistent;
    if (last.intent == Verdict::inconsistent) ++s.intent_inconsistent;
    if (last.intent == Verdict::unclear) ++s.intent_unclear;
    bool inconsistent_any = false;
    for (const auto& r : sample.rounds) inconsistent_any = inconsistent_any || r.intent == Verdict::inconsistent;
    if (inconsistent_any) ++s.intent_inconsistent_any;
    if (last.findings.empty() && !last.syntax_error && last.intent != Verdict::inconsistent) ++s.passes_every_check;
    // Secure by round r: the revision kept at round r (a rejected round keeps the one before).
    SampleStatus kept = status_of(first);
    std::size_t next = 1;
    for (int r = 0; r <= rounds; ++r) {
      while (next < sample.rounds.size() && sample.rounds[next].round <= r) {
        if (sample.rounds[next].accepted) kept = status_of(sample.rounds[next]);
        ++next;
      }
      if (kept == SampleStatus::secure) ++s.cumulative_secure[static_cast<std::size_t>(r)];
    }
  }
  for (int count : s.cumulative_secure) s.cumulative_secure_pct.push_back(s.pct(count));
  return s;
}

const std::vector<PaperFigure>& paper_figures() {
  using S = const RunSummary&;
  static const std::vector<PaperFigure> figures{
      {"generation_failed", "no code generated", [](S s) { return s.generation_failed; }},
      {"vulnerable_initial", "vulnerable before refinement", [](S s) { return s.vulnerable_initial; }},
      {"vulnerable_final", "vulnerable after refinement", [](S s) { return s.vulnerable_final; }},
      {"syntax_errors_initial", "syntax errors before refinement", [](S s) { return s.syntax_errors_initial; }},
      {"syntax_errors_final", "syntax errors after refinement", [](S s) { return s.syntax_errors_final; }},
      {"intent_inconsistent_any", "functional issues at any point", [](S s) { return s.intent_inconsistent_any; }},
      {"intent_inconsistent", "functional issues, final", [](S s) { return s.intent_inconsistent; }},
      {"intent_unclear", "functional check unclear, final", [](S s) { return s.intent_unclear; }},
      {"secure_count", "secure after refinement", [](S s) { return s.secure_count; }},
      {"passes_every_check", "passing every check", [](S s) { return s.passes_every_check; }},
  };
  return figures;
}

std::string count_text(double count, double pct) {
  char buffer[96];
  if (count == std::floor(count)) {
    std::snprintf(buffer, sizeof buffer, "%.0f (%.1f%%)", count, pct);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f (%.1f%%)", count, pct);
  }
  return buffer;
}

Spread spread(const std::vector<double>& values) {
  Spread out;
  if (values.empty()) return out;
  double sum = 0;
  for (double v : values) sum += v;
  out.mean = sum / static_cast<double>(values.size());
  if (values.size() < 2) return out;
  double squares = 0;
  for (double v : values) squares += (v - out.mean) * (v - out.mean);
  out.std = std::sqrt(squares / static_cast<double>(values.size() - 1));
  return out;
}

} // namespace codegate::eval
