#pragma once
// Pylint findings that only say a module could not be inspected must not fail a correct change.
// The gate's machine never has the project's dependencies, and Pylint 2.16 does not follow
// namespace-package layouts (poetry's src/poetry has no __init__.py but a poetry.py, so Pylint
// takes `poetry` for that module and reports "No name 'console' in module 'poetry'"). Such
// findings stay, as advisory notes that cannot fail the gate:
// - the module named is one the repository has (Pylint resolved it to something else);
// - it is outside the repository and outside the standard library (a third-party package, or the
//   part of a namespace package another distribution installs, like poetry.core).
// A name missing from a module the repository has whole (a module file, or a package with an
// __init__.py that no namespace directory shadows), or from the standard library, is a real
// error and keeps failing.

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

  bool provides(const std::string& module) const;    // a module file or a package directory
  bool is_complete(const std::string& module) const; // a module file or package, never a namespace

private:
  std::set<std::string> provided_;
  std::set<std::string> complete_;
  std::set<std::string> namespaces_; // directories without __init__.py
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
