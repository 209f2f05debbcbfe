#pragma once
// Whether pytest, run at the repository root with the project's settings, collects a file, by
// pytest's own rules (its documentation, and src/_pytest/main.py and python.py):
// - collection starts at the positional paths of addopts, else at `testpaths` (directories, files
//   or glob patterns, relative to the rootdir), else at the root;
// - below a start it does not enter a directory whose name matches `norecursedirs` (fnmatch; a
//   pattern with a '/' matches the path), nor a path `--ignore` names or `--ignore-glob` matches;
//   a start itself is never ignored;
// - a `.py` file it reaches is a test module when its name matches `python_files` (a pattern with a
//   '/' matches the path), or when it is a start itself;
// - a module every test of which `--deselect` removes (its node id prefix covers the file) runs
//   no test.
// The repository root is pytest's rootdir and invocation directory: codegate reads configuration
// files at the root only. Not read (they live in code, or outside the repository): conftest.py's
// collect_ignore, --pyargs, plugins' own collection, virtual environments pytest detects.

#include <string>

#include "roles/project_settings.h"

namespace codegate::roles {

struct PytestCollection {
  bool reached = false;     // under a start, and nothing on the way keeps collection out
  bool test_module = false; // reached, a test module, and not wholly deselected
  bool named = false;       // the path is itself a start (testpaths names the file)
  bool deselected = false;  // a module collection reaches whose every test --deselect removes
};

PytestCollection pytest_collection(const PytestSettings& settings, const std::string& path);

} // namespace codegate::roles
