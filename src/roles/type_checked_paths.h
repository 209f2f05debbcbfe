#pragma once
// Code only a type checker reads: the paths a project's commands pass to mypy, pyright,
// basedpyright, pyrefly, pytype or ty (attrs' tox.ini: `mypy typing-examples`). Such code is input
// for the type checker, never imported or run, and its statements are there to be type-checked
// (`x.a` alone on a line, an argument left unused), so the gate holds it to what matters there
// (roles/file_roles.h, pipeline/roles_step.h).
//
// The commands are read as text, never run, from the trusted source: tox.ini, tox.toml,
// pyproject.toml (where [tool.tox] keeps them), noxfile.py, .github/workflows/*.yml and *.yaml,
// .pre-commit-config.yaml. A path counts when:
// - a type checker's command line names it as an argument (not an option's value), and the
//   repository has it (a file, or a directory holding files);
// - no other line of those files names it or a file under it (a `pytest typing-examples`, a
//   `python scripts/x.py`): the project runs it too;
// - it is not the repository's root (`mypy .`).
// A file under such a path is type-checked only when, besides, no directory from the path down to
// it is a package (an __init__.py at the base: importable code), it has no `#!` line and no
// `if __name__ == "__main__"` (a script is run), and pytest does not collect it (test code wins:
// roles/file_roles.h). Product code that imports it keeps it product code (the import guard).

#include <set>
#include <string>
#include <vector>

#include "git/snapshot.h"

namespace codegate::roles {

struct TypeCheckedPath {
  std::string path;               // "typing-examples", "typing-examples/baseline.py"
  std::string why;                // "a type checker's command in tox.ini: mypy typing-examples"
  std::set<std::string> packages; // the directories at or under `path` with an __init__.py
};

// The arguments the type checkers' commands on the lines of `text` name, in order, as written
// ("./x/" stays "./x/"); the lines without one are `others` (each line's words).
struct CommandScan {
  struct Named {
    std::string argument;
    std::string command; // the line, trimmed
  };
  std::vector<Named> named;
  std::vector<std::vector<std::string>> others;
};
CommandScan scan_type_checker_commands(const std::string& text);

// The type-checked paths of `source` (its files listed once by the caller: `files`).
std::vector<TypeCheckedPath> read_type_checked_paths(const git::Snapshot& source,
                                                     const std::vector<std::string>& files);

// True for a file a type-checked path holds that is neither part of a package nor a script.
bool is_type_checked_only(const TypeCheckedPath& checked, const std::string& path, const std::string& content);

} // namespace codegate::roles
