#pragma once
// The repair prompt of the refine loop: the file, its docstrings, structured feedback per finding
// (tool, rule, snippet, explanation), what the previous round tried, and past fixes of the same
// rules. The file and the findings reach the model as data; the instructions are ours alone.

#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "llm/client.h"
#include "refine/knowledge.h"

namespace codegate::refine {

// The previous round's attempt for this file and what became of it.
struct PreviousAttempt {
  int round = 0;
  bool accepted = false;
  std::string outcome; // "accepted: removes 1 failing finding" / "rejected: it does not parse (...)"
  std::string diff;    // what it changed, as a unified diff against the file it was given; may be empty
};

// One docstring of the file, for the contract section.
struct PromptDocstring {
  std::string unit; // "function run", "module lib/shell.py"
  int line = 0;
  std::string text;
};

struct RepairPrompt {
  std::string path;
  std::string content; // the file as it stands now (the best revision so far)
  int round = 1;
  int max_rounds = 1;
  std::vector<PromptDocstring> docstrings;
  std::vector<Finding> findings; // failing findings to fix, with lines and snippets of `content`
  std::optional<PreviousAttempt> previous;
  std::vector<KnowledgeEntry> examples; // past fixes of the same rules
  std::string task;       // the task the file was written for (`codegate eval`); empty: not shown
  std::string reflection; // the model's own review of the file this round (RefleXGen); empty: none
};

// The fixed instructions: answer with the whole revised file in one ```python block.
std::string repair_system_prompt();

// The user message.
std::string repair_message(const RepairPrompt& prompt);

// The request; `max_tokens` should leave room for the whole file.
llm::ChatRequest repair_request(const RepairPrompt& prompt, int max_tokens, double temperature);

} // namespace codegate::refine
