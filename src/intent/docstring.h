#pragma once
// Docstrings in the structured format of the CodeEnhancer research (fields `Input Prompt`,
// `Intention`, `Functionality`), split into fields so the model sees each one labelled.

#include <string>
#include <string_view>

namespace codegate::intent {

// A docstring split into the research's fields; `other` keeps all text outside them.
struct StructuredDocstring {
  bool structured = false;   // at least one field was found
  std::string input_prompt;  // the request the code was written for
  std::string intention;     // what the code is meant to achieve
  std::string functionality; // how it behaves: inputs, outputs, effects
  std::string other;         // text before the first field, or the whole docstring when unstructured
};

// A field starts on a line "Input Prompt:", "Intention -", "**Functionality**:" (any case, with
// or without Markdown emphasis or a bullet), or a line holding only the field name, and runs to
// the next field. Text before the first field goes to `other`.
StructuredDocstring parse_docstring(std::string_view docstring);

} // namespace codegate::intent
