#pragma once
// The fix knowledge base (RefleXGen's retrieval-augmented repair): every accepted fix is kept as
// rule, before, after and explanation in a JSON Lines file, and later repair prompts for the same
// rule show the most similar past fixes as examples. Bounded, deduplicated, safe to delete.

#include <string>
#include <vector>

#include "util/result.h"

namespace codegate::refine {

// One accepted fix of one finding.
struct KnowledgeEntry {
  std::string rule;        // qualified: "bandit/B602", "pylint/E0602", "codegate/intent-mismatch"
  std::string before;      // the lines the finding pointed at
  std::string after;       // what the accepted revision has in their place
  std::string explanation; // the finding's message
  std::string id;          // content hash of rule, before and after (whitespace-normalised)
  // RefleXGen (`codegate eval --reflect`): the task the code was written for and the model's own
  // review that led to the fix; empty for the gate's fixes.
  std::string task;
  std::string reflection;
};

// Jaccard similarity of the identifier and number tokens of two snippets, 0..1.
double token_similarity(const std::string& a, const std::string& b);

// The same id for fixes that differ only in whitespace.
std::string knowledge_id(const std::string& rule, const std::string& before, const std::string& after);

class KnowledgeBase {
public:
  // `max_entries` 0 turns the knowledge base off: nothing is read or written.
  KnowledgeBase(std::string path, int max_entries);

  // Reads the file; a missing file is an empty base, unreadable lines are skipped (with a count
  // in skipped()), so a damaged or deleted file never stops a run.
  void load();
  // Up to `limit` entries of `rule`, most similar first; only those with some similarity. The
  // similarity is that of `before` to `snippet`, plus that of the entry's task to `task` when one
  // is given (RefleXGen retrieves by task and finding).
  std::vector<KnowledgeEntry> similar(const std::string& rule, const std::string& snippet, int limit,
                                      const std::string& task = "") const;
  // Adds an entry (texts are cut to a bounded length); false when an equal one is already there.
  bool add(KnowledgeEntry entry);
  // Writes the newest max_entries entries (temporary file and rename).
  util::Result<void> save() const;

  bool enabled() const { return max_entries_ > 0 && !path_.empty(); }
  const std::string& path() const { return path_; }
  const std::vector<KnowledgeEntry>& entries() const { return entries_; }
  int skipped() const { return skipped_; }

  // One entry as a JSON line (no newline), and back; exposed for tests.
  static std::string to_json_line(const KnowledgeEntry& entry);
  static bool from_json_line(const std::string& line, KnowledgeEntry& entry);

private:
  std::string path_;
  int max_entries_;
  std::vector<KnowledgeEntry> entries_; // oldest first
  int skipped_ = 0;
};

} // namespace codegate::refine
