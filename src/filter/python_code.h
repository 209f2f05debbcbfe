#pragma once
// The code of a Python snippet as the baseline compares it: comments are not code, and neither is
// layout. A line whose only edit is its comment (`x._p  # type: ignore[reportPrivateUsage]` ->
// `x._p`) holds the same code, so its findings are the base's.

#include <string>
#include <string_view>

namespace codegate {

// `text` with every comment (a `#` outside a string literal, to the end of its line) removed and
// whitespace squeezed as util::squeeze_whitespace does. String literals are kept whole, quotes,
// prefixes, escapes and triple quotes read as Python reads them; a one-quote literal ends at its
// line's end when it is not closed there (a snippet cut at a window). Text that starts inside a
// triple-quoted string (a snippet of a region that begins in one) is read as code: at worst a
// key does not match and the finding is reported as new.
std::string python_code(std::string_view text);

} // namespace codegate
