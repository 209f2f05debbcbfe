#pragma once
// The code of one unit as the model is shown it: numbered with the file's own line numbers, nested
// definitions of a class or module reduced to their signature and docstring, cut to a size limit.

#include <string>
#include <vector>

#include "python/source_index.h"

namespace codegate::intent {

// The excerpt of a unit that goes into the prompt.
struct UnitCode {
  std::string numbered;         // "  12 | def f():" lines, with "... |" markers where lines are left out
  std::string plain;            // the same without line numbers; identical for a moved, unchanged unit
  std::vector<int> shown_lines; // file line numbers present in the excerpt, ascending
  bool cut = false;             // the unit was longer than the limit and its end is missing
};

// The lines a unit owns: its whole span for a function or method; for a class or the module, the
// span minus the spans of the units defined directly inside it. A change to these lines is a
// change to the unit.
std::vector<int> own_lines(const python::SourceIndex& index, int unit);

// Builds the excerpt of index.units[unit] from the file's lines. Functions and methods are shown
// whole; a class or module shows its own lines and, of each unit directly inside, the decorators,
// signature and docstring. Text past `max_chars` is cut.
UnitCode unit_code(const std::vector<std::string>& file_lines, const python::SourceIndex& index, int unit,
                   int max_chars);

} // namespace codegate::intent
