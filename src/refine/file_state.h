#pragma once
// One file on its way through the refine loop: the analysed original, the best revision so far,
// and which of its failing findings the loop is still asked to remove.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/finding.h"
#include "python/source_index.h"
#include "refine/knowledge.h"
#include "refine/prompt.h"

namespace codegate::refine {

struct FileState {
  std::string path;
  std::string original;
  python::SourceIndex original_index;
  std::vector<PromptDocstring> docstrings;

  std::string best;                      // the best revision so far (the original at first)
  int best_round = 0;                    // 0: nothing accepted
  std::vector<Finding> failing;          // the failing findings of `best`
  std::set<std::string> targets;         // fingerprints (in the original) the loop must remove
  std::map<std::string, int> removed_in; // fingerprint of an original failing finding -> round
  std::optional<PreviousAttempt> previous;
  std::string last_rejection;

  // The targets that still fail in `best`.
  std::vector<Finding> open_targets() const;
};

// Whether the loop tries to remove `finding`: it comes from a tool in refine.tools. A file too
// large to analyse is not one the loop could re-verify either.
bool targeted_tool(const Finding& finding, const RefineConfig& config);

// Each of `paths` that has analysed bytes in `sources`: those bytes, their docstrings, and their
// failing findings among `findings`. Throws ToolError when the sources cannot be indexed.
std::vector<std::unique_ptr<FileState>> start_states(const std::map<std::string, std::string>& sources,
                                                     const std::set<std::string>& paths,
                                                     const std::vector<Finding>& findings, const RefineConfig& config);

// Per failing finding: "fixed in round N", or "open" (targets only; a finding that was not a
// target but went away with an accepted revision counts as fixed too).
void mark_findings(std::vector<Finding>& findings, const std::vector<std::unique_ptr<FileState>>& states);

// The lines around a fixed finding before and after the accepted revision, for the knowledge
// base; nullopt when the revision did not touch them.
std::optional<KnowledgeEntry> knowledge_entry(const Finding& finding, const FileState& state);

} // namespace codegate::refine
