#pragma once
// The checks a candidate passes before any analyzer sees it: its size, and that every docstring
// (the contract the intent check holds the code to) is still there, word for word.

#include <cstddef>
#include <string>

#include "python/source_index.h"

namespace codegate::refine {

// The candidate in the original's conventions: CRLF line ends when the original uses them, and a
// final newline when the original has one. Models answer with '\n' and often drop the last one.
std::string normalise_candidate(const std::string& candidate, const std::string& original);

// The largest candidate accepted for an original of `original_size` bytes: max_growth times the
// original, and never less than the original plus 512 bytes (a fix to a tiny file may need an
// import and a line or two).
std::size_t size_limit(std::size_t original_size, double max_growth);

// Why the candidate is too large; empty when it is not.
std::string size_problem(std::size_t original_size, std::size_t candidate_size, double max_growth);

// Empty when every unit of `original` that has a docstring has a unit of the same kind and
// qualified name in `candidate` with the same docstring (runs of whitespace compare equal);
// otherwise which docstring was removed or rewritten. Units and docstrings may be added.
std::string docstring_problem(const python::SourceIndex& original, const python::SourceIndex& candidate);

} // namespace codegate::refine
