#pragma once
// The Python that codegate's own helpers (the source index, the standard library's module list)
// run under: the one Pylint runs under, read from the `#!` line of the `pylint` on PATH, so the
// index parses the grammar Pylint parses and lists Pylint's standard library, and no version
// manager's shim (pyenv's is a chain of bash scripts) sits in front of every run. Without a
// Python `#!` line there (a wrapper script), `python3` on PATH.

#include <string>
#include <string_view>

namespace codegate::python {

const std::string& interpreter();

// The interpreter a `#!` line names ("#!/usr/bin/python3" -> "/usr/bin/python3",
// "#!/usr/bin/env python3" -> "python3"); empty when it names no Python.
std::string python_of_shebang(std::string_view first_line);

} // namespace codegate::python
