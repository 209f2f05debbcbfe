#pragma once
// The Python program behind the source index, compiled into the binary so that codegate needs
// nothing installed beyond python3 itself.

#include <string_view>

namespace codegate::python {

// Reads files framed as "<path bytes> <content bytes>\n<path><content>" from stdin, parses each
// with the interpreter's `ast` (parse only: nothing is imported or executed) and prints one JSON
// object {"files": [...]} on stdout.
std::string_view index_helper_source();

} // namespace codegate::python
