#pragma once
// The gate's machine never has the project's dependencies. When Pylint says a name is missing
// from a module the repository does not provide (a third-party package, or the part of a
// namespace package that another distribution installs, like poetry.core beside poetry), it has
// only said it could not inspect that module: such findings stay, as advisory notes that cannot
// fail the gate. A name missing from the repository's own regular package or module, or from the
// standard library, is a real error and keeps failing.

#include <set>
#include <string>
#include <vector>

#include "core/finding.h"

namespace codegate {

// Which dotted module names the repository provides, at any source root ("src/poetry/x.py"
// provides "poetry.x" and "x" as well as "src.poetry.x").
class RepositoryModules {
public:
  explicit RepositoryModules(const std::vector<std::string>& python_files);

  bool provides(const std::string& module) const;     // a module file or a package directory
  bool is_complete(const std::string& module) const;  // a module file or a package with __init__.py

private:
  std::set<std::string> provided_;
  std::set<std::string> complete_;
};

// The module a Pylint finding says it could not inspect: "poetry.core" for E0611 "No name 'core'
// in module 'poetry'", E1101 "Module 'poetry' has no 'core' member" and E0401 "Unable to import
// 'poetry.core'"; empty for any other finding.
std::string uninspectable_module(const Finding& finding);

// Sets Finding::advisory (and the note level) on the findings about modules outside the
// repository. `standard_library` holds top-level names (sys.stdlib_module_names).
void mark_outside_repository(std::vector<Finding>& findings, const RepositoryModules& modules,
                             const std::set<std::string>& standard_library);

} // namespace codegate
