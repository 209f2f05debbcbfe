#pragma once
// Reads the revised file out of the model's answer: one fenced ```python block, text around it
// ignored, and an answer that would change any other file refused.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace codegate::refine {

// A Markdown fenced code block (``` or ~~~, three or more).
struct FencedBlock {
  std::string info;    // the text after the opening fence ("python", "python lib/a.py")
  std::string code;    // the lines between the fences, each with its '\n'
  bool closed = false; // false: the answer ended inside the block (cut off)
};

// Every fenced block in `text`, in order.
std::vector<FencedBlock> fenced_blocks(std::string_view text);

// The revision an answer proposes, or why there is none.
struct ExtractedRevision {
  std::optional<std::string> code;
  std::string problem;     // set when code is empty: "the answer has no ```python block"
  bool other_file = false; // the problem is that the answer would change another file
};

// The rule: the answer must hold exactly one Python block (info "python", "py", "python3", or
// none) and it must be closed. It changes another file, and is refused, when it holds more than
// one Python block, or when the block names a path other than `path`: in its info string
// ("```python other.py") or on a first comment line ("# file: other.py", "# other.py").
// Blocks in other languages (a shell command, a JSON example) are ignored like prose.
ExtractedRevision extract_revision(std::string_view answer, const std::string& path);

} // namespace codegate::refine
