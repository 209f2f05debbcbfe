#pragma once
// A Python file as the intent check sees it: the module, its classes, functions and methods with
// their line spans and docstrings, read with the interpreter's own parser.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/module_definitions.h"
#include "analyzers/narrowing.h"

namespace codegate::python {

enum class UnitKind { module, class_type, function, method };

std::string_view to_string(UnitKind kind); // "module", "class", "function", "method"

// One module, class, function or method. Lines are 1-based and inclusive.
struct SourceUnit {
  UnitKind kind = UnitKind::function;
  bool is_async = false;
  std::string name;                     // "parse"; empty for the module
  std::string qualified_name;           // "Parser.parse", "outer.inner"; empty for the module
  int line = 1;                         // the `def` / `class` line; 1 for the module
  int start_line = 1;                   // the first decorator's line, else `line`
  int end_line = 1;                     // the last line of the body
  int body_line = 1;                    // the first statement of the body (the docstring when there is one)
  std::optional<std::string> docstring; // cleaned as inspect.cleandoc does
  int docstring_line = 0;               // 0 without a docstring
  int docstring_end_line = 0;
  std::vector<std::string> decorators; // source text: "property", "x.setter", "app.route('/')"
  int parent = -1;                     // index of the enclosing unit in SourceIndex::units; -1 for the module
  bool nested_in_function = false;
  bool is_public = true; // no leading underscore here or in an enclosing class; not inside a function
};

// The index of one file: units[0] is the module, the rest in source order; or why there is none.
struct SourceIndex {
  std::string path;
  bool ok = false;
  std::string error; // "SyntaxError: invalid syntax"
  int error_line = 0;
  std::vector<SourceUnit> units;
  // Every module name its import statements may load ("a.b"; relative ones with their dots:
  // "..c"), for the result cache's dependencies (cache/import_graph.h).
  std::vector<std::string> imports;
  // What it loads by a literal name outside import statements, which Pylint does not follow: module
  // names (importlib.import_module, __import__, runpy.run_module; a package __init__'s __all__ as
  // ".name") and file paths as written (runpy.run_path, spec_from_file_location, the file loaders,
  // exec(open(...).read())). The import guard (pipeline/roles_step) follows them too.
  std::vector<std::string> dynamic_imports;
  std::vector<std::string> loaded_paths;
  // Where its guards narrow a dotted name (analyzers/narrowing.h), in no particular order.
  std::vector<Narrowing> narrowings;
  // The lines where every urlopen, urlretrieve or Request call has a URL whose scheme is fixed to
  // http(s) (a literal, or a name bound once to one), ascending: Bandit's B310 asks about the scheme.
  std::vector<int> fixed_scheme_url_lines;
  // Its top-level names defined more than once under conditions, and its `from M import` names.
  ModuleDefinitions definitions;

  // The display name of a unit: "function Parser.parse" / "module".
  std::string describe(const SourceUnit& unit) const;
};

// Indexes every file not indexed before in this process (same path, same content) with one
// Python process (python/interpreter.h). Throws ToolError when Python cannot run or prints
// something that is not the helper's answer.
std::vector<SourceIndex> index_python_sources(const std::map<std::string, std::string>& sources);

// Reads the helper's JSON answer; exposed so the parsing is testable without python3.
std::vector<SourceIndex> parse_index_json(const std::string& json);

// The helper's stdin for these files (see python/index_helper.h).
std::string frame_sources(const std::map<std::string, std::string>& sources);

} // namespace codegate::python
