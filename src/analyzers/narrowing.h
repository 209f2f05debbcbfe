#pragma once
// What a guard says about a name where it holds: `if self.hook is not None and self.hook(e)`
// narrows `self.hook` to a value in the right operand, `if attrs.has(foo):` narrows `foo`'s type in
// the body. The Python source index reads them (python/source_index.h); Pylint, which does not
// narrow, makes its inference errors under one advisory (analyzers/pylint/guarded_inference.h).

#include <string>

namespace codegate {

struct Narrowing {
  enum class Kind {
    value, // not None: `x is not None`, `x != None`, `x` as a truth value (and their negations' else)
    type,  // isinstance, issubclass, callable, `type(x) is C`, any other function's first argument
           // (a TypeGuard or TypeIs function: attrs.has(foo)); hasattr(x, "a") narrows "x.a"
  };
  std::string name; // a dotted name: "foo", "self.hook"
  Kind kind = Kind::value;
  int guard_line = 0; // the line of the test that narrows it
  // The region where it holds: lines 1-based, columns 0-based UTF-8 bytes as Python's ast counts
  // them, the end exclusive.
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;

  // True when the position (a 1-based line, a 0-based byte column) lies inside the region.
  bool covers(int at_line, int at_column) const {
    bool after_start = at_line > line || (at_line == line && at_column >= column);
    bool before_end = at_line < end_line || (at_line == end_line && at_column < end_column);
    return after_start && before_end;
  }
};

} // namespace codegate
