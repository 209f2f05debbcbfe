#pragma once
// The top-level module names of the standard library of the python3 the tools run under.

#include <optional>
#include <set>
#include <string>

namespace codegate::python {

// sys.stdlib_module_names (Python 3.10+); nullopt when python3 cannot tell. Asked once a process.
const std::optional<std::set<std::string>>& standard_library_modules();

} // namespace codegate::python
