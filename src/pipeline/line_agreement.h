#pragma once
// The gate's one rule for matching the tools' findings to the change: a finding's path and line
// are the tools' words for git's path and git's line, so a changed file is analysed only when
// Python and git agree on both. Where they would not, the file is refused (codegate/not-analysed,
// which fails the gate) instead of mapped: a finding matched to the wrong line passes unseen.
//
// They disagree when
// - the name is not valid UTF-8: the tools print it with U+FFFD, which names no changed file;
// - a line holds a carriage return that no line feed follows: Python ends a line there, git does not;
// - a PEP 263 declaration names an encoding other than UTF-8, ASCII or a single-byte Latin one:
//   under unicode_escape, UTF-7 or UTF-16 the decoded lines are not git's;
// - the bytes hold a NUL: git calls the file binary and Python will not compile it.
// Form feeds, vertical tabs, U+0085, U+2028 and the other characters str.splitlines() breaks at do
// not end a line for Python's tokenizer, so they are not refused (tests/integration/test_probes.py).

#include <optional>
#include <string>
#include <string_view>

namespace codegate {

// Why the tools' paths or lines for `path` with `content` cannot be git's (the reason of its
// codegate/not-analysed finding); nullopt when they agree.
std::optional<std::string> line_disagreement(std::string_view path, std::string_view content);

} // namespace codegate
