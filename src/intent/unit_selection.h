#pragma once
// Which units of a changed file the intent check looks at: those whose own lines the change
// touches, split into units to check (they have a docstring) and units missing one.

#include <set>
#include <string>
#include <vector>

#include "core/change_set.h"
#include "core/policies.h"
#include "python/source_index.h"

namespace codegate::intent {

// The head lines a change touches: added lines, plus the lines on either side of a place where
// lines were only deleted (a hunk with context lines and no additions). Every line of an added
// file; `line_count` bounds that case.
std::set<int> touched_lines(const ChangedFile& file, int line_count);

// The units of one file that the change touches.
struct UnitSelection {
  std::vector<int> to_check;          // indexes into SourceIndex::units: touched, with a docstring
  std::vector<int> missing_docstring; // touched, without one, and required by the policy
};

// `require_docstrings` is intent.require_docstrings: "public" asks for a docstring on public
// functions and methods outside functions, "all" on every function, method and class, "none" on
// nothing. Overload stubs and property setters and deleters never need one: their documentation
// lives on the implementation or the getter.
UnitSelection select_units(const python::SourceIndex& index, const std::set<int>& touched,
                           DocstringPolicy require_docstrings);

} // namespace codegate::intent
