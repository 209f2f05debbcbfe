#pragma once
// What counts as a Python file: a module by its name (*.py, *.pyi), or a script by its first line
// (`#!/usr/bin/env python3`), as pre-commit's `types: [python]` sees it. Both Pylint and Bandit
// analyse a script without the suffix when it is named explicitly, so scripts are passed as they are.

#include <string>
#include <string_view>

namespace codegate {

// *.py or *.pyi: what the checked files may import.
bool has_python_suffix(std::string_view path);

// The first line runs a Python interpreter: `#!/usr/bin/python3.11`, `#!/usr/bin/env python3`,
// `#!/usr/bin/env -S python3 -u`, `python`, `pythonw`, `pypy3`...; not `#!/bin/sh`.
bool has_python_shebang(std::string_view content);

// A compiled module Python imports in place of a source: *.pyc, *.pyo, extension modules (*.so,
// *.pyd; "x.cpython-311-x86_64-linux-gnu.so" too).
bool is_compiled_module(std::string_view path);

} // namespace codegate
