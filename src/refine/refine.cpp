#include "refine/refine.h"

#include <filesystem>
#include <memory>
#include <set>
#include <vector>

#include "git/commit.h"
#include "refine/delivery.h"
#include "refine/file_state.h"
#include "refine/knowledge.h"
#include "refine/round_loop.h"
#include "registry/registry.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate {
namespace {

using refine::FileState;
using refine::KnowledgeBase;

constexpr std::string_view k_default_knowledge = ".codegate/knowledge.jsonl";

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Relative knowledge paths resolve against the repository root locally. In CI they resolve
// against the cache directory: there the checkout is the pull request's, and a knowledge file
// it carried would put its author's words into the repair prompts.
std::string knowledge_path(const RefineContext& context, const Config& config) {
  const std::string& configured = config.refine.knowledge;
  if (configured.empty() || config.refine.knowledge_max_entries == 0) return "";
  if (configured.front() == '/') return configured;
  if (!context.options.in_ci) return context.repo.workdir() + configured;
  const std::string& cache = context.options.cache_directory;
  if (cache.empty()) return "";
  std::string relative = configured == k_default_knowledge ? "knowledge.jsonl" : configured;
  return cache + "/" + relative;
}

std::string patch_path(const Config& config) {
  std::string path = config.refine.patch_file.empty() ? "codegate.patch" : config.refine.patch_file;
  return std::filesystem::absolute(path).lexically_normal().string();
}

std::string describe_rules(const std::vector<std::string>& tools) {
  return tools.empty() ? std::string("none") : util::join(tools, ", ");
}

// The client the loop talks to, or nullptr with the reason in `reason`.
llm::LlmClient* repair_client(const RefineContext& context, std::string& reason) {
  llm::LlmClient* client = context.client ? context.client(reason) : nullptr;
  if (client == nullptr && reason.empty()) reason = "no LLM client";
  return client;
}

// The accepted revisions, with a note per file; their fixed findings go into the knowledge base.
std::vector<FileFix> collect_fixes(CheckResult& result, const std::vector<std::unique_ptr<FileState>>& states,
                                   int rounds_run, KnowledgeBase& knowledge) {
  std::vector<FileFix> fixes;
  int learned = 0;
  for (const auto& s : states) {
    std::size_t open = s->open_targets().size();
    if (s->best_round == 0) {
      result.notes.push_back("refine: " + s->path + ": no revision was strictly better in " +
                             plural(static_cast<std::size_t>(rounds_run), "round", "rounds") + "; " +
                             plural(open, "finding", "findings") + " still open" +
                             (s->last_rejection.empty() ? "" : " (last attempt: " + s->last_rejection + ")"));
      continue;
    }
    FileFix fix{s->path, s->original, s->best, s->best_round, {}};
    for (const auto& [fingerprint, round] : s->removed_in) fix.fixed_fingerprints.push_back(fingerprint);
    result.notes.push_back("refine: " + s->path + ": " + plural(fix.fixed_fingerprints.size(), "finding", "findings") +
                           " fixed (revision of round " + std::to_string(s->best_round) + ")" +
                           (open == 0 ? "" : "; " + plural(open, "finding", "findings") + " still open"));
    for (const auto& f : result.findings) {
      if (f.path != s->path || s->removed_in.count(f.fingerprint) == 0) continue;
      if (auto entry = refine::knowledge_entry(f, *s); entry && knowledge.add(std::move(*entry))) ++learned;
    }
    fixes.push_back(std::move(fix));
  }
  if (learned > 0) {
    // A knowledge base that cannot be written costs later prompts their examples, not this run.
    if (auto saved = knowledge.save(); saved)
      util::debug("refine: " + std::to_string(learned) + " fixes added to " + knowledge.path());
    else
      util::warn("refine: cannot update the fix knowledge base: " + saved.error());
  }
  return fixes;
}

} // namespace

void run_refine(CheckResult& result, const RefineContext& context) {
  const Config& config = context.config;
  result.fix_mode = config.refine.fix;

  const std::string trailer(refine::k_refined_trailer);
  if (!context.changes.head_sha.empty() &&
      git::has_trailer(git::commit_message(context.repo, context.changes.head_sha), trailer)) {
    result.notes.push_back("refine skipped: the analysed commit is codegate's own (" + trailer +
                           " trailer), so it is not refined again");
    util::progress("refine skipped: the head commit carries the " + trailer + " trailer");
    return;
  }

  std::set<std::string> target_paths;
  for (const auto& f : result.findings)
    if (f.fails_gate && refine::targeted_tool(f, config.refine)) target_paths.insert(f.path);
  if (target_paths.empty()) {
    result.notes.push_back("refine: nothing to do: no failing finding comes from a tool in refine.tools (" +
                           describe_rules(config.refine.tools) + ")");
    return;
  }

  std::string no_client;
  llm::LlmClient* client = repair_client(context, no_client);
  if (client == nullptr) {
    result.notes.push_back("refine skipped: " + no_client);
    util::progress("refine skipped: " + no_client);
    return;
  }

  KnowledgeBase knowledge(knowledge_path(context, config), config.refine.knowledge_max_entries);
  knowledge.load();
  if (knowledge.skipped() > 0)
    util::warn("refine: skipped " +
               plural(static_cast<std::size_t>(knowledge.skipped()), "unreadable line", "unreadable lines") + " of " +
               knowledge.path());

  auto states = refine::start_states(context.sources, target_paths, result.findings, config.refine);
  const ToolRun* intent_run = intent_check_run(result.tools);
  const ToolStatus original_intent_status = intent_run != nullptr ? intent_run->status : ToolStatus::not_run;

  refine::RoundSettings settings(config.refine, config.llm);
  settings.log_dir = context.options.log_dir;
  settings.original_intent_status = original_intent_status;
  refine::RoundsOutcome rounds =
      refine::run_rounds(states, context.verifier, *client, context.budget, knowledge, settings);
  if (rounds.stopped) result.notes.push_back("refine stopped early: " + rounds.stop_reason);

  refine::mark_findings(result.findings, states);
  std::vector<FileFix> fixes = collect_fixes(result, states, rounds.rounds_run, knowledge);
  if (fixes.empty()) return;

  refine::DeliveryInput input{
      context.repo, context.changes, config.refine, result.findings, context.options.push_target, patch_path(config)};
  refine::DeliveryOutcome delivered = refine::deliver(fixes, config.refine.fix, input);
  result.fixes = std::move(fixes);
  result.fix_mode = delivered.mode;
  result.notes.insert(result.notes.end(), delivered.notes.begin(), delivered.notes.end());
  for (const auto& note : delivered.notes) util::progress(note);
}

} // namespace codegate
