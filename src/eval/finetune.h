#pragma once
// Stage 2 of CodeEnhancer: validated outputs as a fine-tuning data set in OpenAI's chat format,
// one {"messages": [system, user, assistant]} object per line. The sources: an experiment's
// samples that ended secure with a consistent intent verdict, expert samples (LLMSecEval's
// "Secure Code Samples", named by prompt id), and the gate's fix knowledge base.

#include <map>
#include <string>
#include <vector>

#include "eval/profile.h"
#include "refine/knowledge.h"

namespace codegate::eval {

// One line of the data set (no newline).
std::string finetune_line(const std::string& system, const std::string& user, const std::string& assistant);

// A generated sample that ended secure: the generation prompt (its system prompt of `style`)
// and its final file.
std::string finetune_sample_line(const std::string& prompt, const std::string& code, PromptStyle style);

// `code` without its docstrings (the thesis offers fine-tuning data without them): each
// docstring on lines of its own is removed, a body left empty gets `pass`. Code whose docstrings
// cannot be removed that way, or that would not parse after, is returned as it is.
std::string strip_docstrings(const std::string& path, const std::string& code);

// Expert samples: every `<prompt id>.py` under `directory` (recursively) whose id `prompts`
// has, as a line with that prompt. Files without a prompt are counted in `unmatched`.
struct ExpertSamples {
  std::vector<std::string> lines;
  std::vector<std::string> unmatched; // file paths
};
ExpertSamples expert_sample_lines(const std::string& directory, const std::map<std::string, std::string>& prompts,
                                  PromptStyle style, bool strip);

// A knowledge-base entry as a repair example: the finding and the code before, then the fix.
std::string knowledge_line(const refine::KnowledgeEntry& entry);

} // namespace codegate::eval
