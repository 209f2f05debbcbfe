#pragma once
// The versioned prompt of the intent check. Code, docstrings and paths reach the model only as
// delimited data; the instructions are ours alone.

#include <string>
#include <string_view>

#include "intent/docstring.h"
#include "llm/client.h"

namespace codegate::intent {

// Part of every cache key: a new prompt wording must not reuse verdicts given to the old one.
inline constexpr std::string_view k_prompt_version = "intent-v1";

// What the prompt says about one unit.
struct PromptUnit {
  std::string path;        // repository-relative
  std::string description; // "function Parser.parse", "module"
  int first_line = 1;      // the span of the unit in the file
  int last_line = 1;
  StructuredDocstring docstring;
  std::string numbered_code; // intent/unit_code.h
  bool cut = false;
  // intent.context: unit+base: the unit as it was at the base, with the same docstring, numbered
  // by its lines there; empty: not shown (the prompt is then exactly the unit-only prompt).
  std::string base_numbered_code;
};

// The fixed instructions, including the exact JSON answer format.
std::string system_prompt();

// A marker no part of `unit` contains: derived from the content, so the same unit always gets the
// same prompt, and re-derived until it collides with nothing.
std::string data_marker(const PromptUnit& unit);

// The first user message for `unit`.
std::string user_prompt(const PromptUnit& unit);

// A request with the system prompt and the first user message.
llm::ChatRequest intent_request(const PromptUnit& unit, int max_tokens, double temperature);

// The message sent once after an answer that was not the JSON object, naming what was wrong.
std::string corrective_prompt(const std::string& problem);

} // namespace codegate::intent
