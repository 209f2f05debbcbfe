// Pylint's argument errors on a callee with alternative definitions (analyzers/pylint/
// alternative_callees.h): the helper's reading of a module's definitions, and which findings become
// advisory.
#include <doctest/doctest.h>

#include "analyzers/pylint/alternative_callees.h"
#include "core/error.h"
#include "python/source_index.h"

using namespace codegate;

namespace {

Finding call_error(const std::string& path, int line, int column, int end_column, const std::string& id = "E1123") {
  Finding f;
  f.tool = "pylint";
  f.rule_id = id;
  f.level = Level::error;
  f.path = path;
  f.line = line;
  f.end_line = line;
  f.column = column + 1;
  f.end_column = end_column + 1;
  f.message = "Unexpected keyword argument 'loop_factory' in function call";
  return f;
}

// uvicorn #2435's shape: the callee imported from a module that defines it under a version check.
const std::string k_compat =
    "import asyncio, sys\n"
    "if sys.version_info >= (3, 12):\n"
    "    run = asyncio.run\n"
    "else:\n"
    "    def run(main, *, loop_factory=None):\n"
    "        pass\n"
    "def once(main):\n"
    "    pass\n";
const std::string k_server =
    "from pkg._compat import run, once\n"    // 1
    "from pkg import _compat\n"              // 2
    "run(main(), loop_factory=f)\n"          // 3: run( at 0, the call ends at 27
    "once(main(), loop_factory=f)\n"         // 4: ends at 28
    "_compat.run(main(), loop_factory=f)\n"; // 5: ends at 35

} // namespace

TEST_CASE("the helper reads the names a module defines under a condition, and its from-imports") {
  auto index = python::index_python_sources(
      {{"pkg/_compat.py", k_compat + "try:\n    from json import loads\nexcept ImportError:\n    loads = None\n"
                                     "x = 1\nx = 2\n"},
       {"pkg/server.py", k_server}});
  REQUIRE(index.size() == 2);
  REQUIRE(index[0].ok);
  // x is bound twice, neither under a condition: Pylint takes the last.
  CHECK(index[0].definitions.alternatives == std::vector<std::string>{"loads", "run"});
  const auto& imports = index[1].definitions.from_imports;
  REQUIRE(imports.size() == 3);
  CHECK((imports[0].alias == "run" && imports[0].module == "pkg._compat" && imports[0].name == "run"));
  CHECK((imports[2].alias == "_compat" && imports[2].module == "pkg" && imports[2].name == "_compat"));
  CHECK_THROWS_AS(python::parse_index_json(R"({"files": [{"path": "a.py", "ok": true, "units": [{"kind": "module",
                      "line": 1}], "from_imports": [["a", "b"]]}]})"),
                  ToolError);
}

TEST_CASE("an argument error on a callee defined more than once under a condition is advisory") {
  const std::map<std::string, std::string> sources = {{"pkg/server.py", k_server}};
  const std::vector<std::string> files = {"pkg/server.py", "pkg/__init__.py", "pkg/_compat.py"};
  std::vector<std::set<std::string>> asked;
  AnalyzedTree tree{sources, files, [] { return static_cast<const std::set<std::string>*>(nullptr); }};
  tree.definitions = [&](const std::set<std::string>& paths) {
    asked.push_back(paths);
    std::map<std::string, std::string> read = {{"pkg/server.py", k_server}, {"pkg/_compat.py", k_compat}};
    std::map<std::string, std::string> chosen;
    for (const auto& path : paths) chosen.emplace(path, read.at(path));
    std::map<std::string, ModuleDefinitions> out;
    for (auto& index : python::index_python_sources(chosen)) out.emplace(index.path, index.definitions);
    return out;
  };
  std::vector<Finding> findings = {call_error("pkg/server.py", 3, 0, 27), call_error("pkg/server.py", 4, 0, 28),
                                   call_error("pkg/server.py", 5, 0, 35)};
  mark_alternative_callees(findings, tree);
  CHECK(findings[0].advisory ==
        "'run' is defined more than once in pkg/_compat.py, under a condition; Pylint judged the call against one "
        "of its definitions");
  CHECK(findings[0].level == Level::note);
  // Defined once: a keyword it does not take is a real error.
  CHECK(findings[1].advisory.empty());
  CHECK(findings[1].level == Level::error);
  // A dotted callee is left as it is.
  CHECK(findings[2].advisory.empty());
  // The finding's file first, then the module it imports from (not the package on the way).
  CHECK(asked == std::vector<std::set<std::string>>{{"pkg/server.py"}, {"pkg/_compat.py"}});
}

TEST_CASE("defined under a condition in the calling module itself") {
  const std::string source = k_compat + "run(main(), loop_factory=f)\n"; // line 9
  const std::map<std::string, std::string> sources = {{"compat.py", source}};
  const std::vector<std::string> files = {"compat.py"};
  AnalyzedTree tree{sources, files, [] { return static_cast<const std::set<std::string>*>(nullptr); }};
  tree.definitions = [&](const std::set<std::string>&) {
    std::map<std::string, ModuleDefinitions> out;
    for (auto& index : python::index_python_sources(sources)) out.emplace(index.path, index.definitions);
    return out;
  };
  std::vector<Finding> findings = {call_error("compat.py", 9, 0, 27, "E1120"),
                                   call_error("compat.py", 9, 0, 27, "E1101")};
  mark_alternative_callees(findings, tree);
  CHECK_FALSE(findings[0].advisory.empty());
  CHECK(findings[1].advisory.empty()); // not an argument error
}
