#include "intent/intent_check.h"

// The steps of the check, each in a file of its own: client_choice, source_texts,
// check_candidates, base_context, check_run, cached_verdicts, ask_model (with check_progress and
// issue_lines), check_results (with check_findings) and check_summary.

#include "intent/ask_model.h"
#include "intent/base_context.h"
#include "intent/cached_verdicts.h"
#include "intent/check_candidates.h"
#include "intent/check_results.h"
#include "intent/check_run.h"
#include "intent/check_summary.h"
#include "intent/client_choice.h"
#include "intent/intent_analyzer.h"
#include "intent/source_texts.h"

namespace codegate {

IntentOutput run_intent_check(const IntentInput& input, const IntentServices& services) {
  const Config& config = input.config;
  IntentOutput out;
  out.run.name = std::string(k_intent_tool);
  out.run.version = CODEGATE_VERSION;
  out.run.status = ToolStatus::ok;

  // The client first: without one only the docstring requirement is left to check.
  intent::ClientChoice chosen = intent::choose_client(config, services);
  llm::LlmClient* client = chosen.client;
  if (client == nullptr && config.intent.require_docstrings == DocstringPolicy::none) {
    intent::mark_skipped(out, chosen.skip_reason);
    return out;
  }

  intent::SourceTexts texts = intent::readable_texts(input.sources, out.notes);
  auto indexes = intent::index_texts(texts, config.llm.strict && client != nullptr, out);
  if (!indexes) return out;
  std::vector<std::string> cut_notes; // what the prompts leave out: nothing to say when no model is asked
  std::vector<intent::Candidate> candidates = intent::select_candidates(*indexes, input, texts, out, cut_notes);
  if (client == nullptr) {
    intent::mark_skipped(out, chosen.skip_reason);
    intent::collect_unchecked(candidates, chosen.skip_reason, out);
    return out;
  }
  if (candidates.empty()) {
    out.run.note = "no changed function, class or module with a docstring";
    return out;
  }
  out.notes.insert(out.notes.end(), cut_notes.begin(), cut_notes.end());
  intent::add_base_context(candidates, input, out.notes);

  intent::CheckRun run(*client, input, services);
  std::vector<intent::Candidate*> queue = intent::answer_from_cache(run, candidates);
  std::size_t from_cache = candidates.size() - queue.size();
  intent::ask_model(run, queue, from_cache, candidates.size());
  intent::Tally tally = intent::collect_results(candidates, texts, out);
  intent::finish_run(out, tally, candidates.size(), from_cache, run);
  return out;
}

} // namespace codegate
