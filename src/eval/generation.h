#pragma once
// Round 0 of an experiment: the model is asked for one Python file whose module docstring
// carries CodeEnhancer's fields (Input Prompt, Intention, Functionality); the file is cut out of
// the answer's code fence by the same rule the refine loop reads revisions with.

#include <optional>
#include <string>

#include "eval/dataset.h"
#include "eval/profile.h"
#include "llm/client.h"
#include "python/source_index.h"

namespace codegate::eval {

// The system prompt of generation, also the system message of the fine-tuning data. `secure`
// adds the request to write secure code; `plain` asks for the task only.
std::string generation_system_prompt(PromptStyle style);
// The user message for a sample: the natural-language prompt, or the code prefix to complete.
std::string generation_prompt(const Sample& sample);
llm::ChatRequest generation_request(const Sample& sample, PromptStyle style, int max_tokens, double temperature);

struct GeneratedFile {
  std::optional<std::string> code; // nullopt: the answer holds no usable Python block
  std::string problem;             // why not, for results.json
};

// Reads the file out of `answer` (one closed ```python block; prose around it is ignored).
GeneratedFile read_generated_file(const std::string& answer, const std::string& path);

// True when the file's module docstring has at least one of the fields (a file without is
// listed in missing_docstrings.txt).
bool has_structured_docstring(const python::SourceIndex& index);

} // namespace codegate::eval
