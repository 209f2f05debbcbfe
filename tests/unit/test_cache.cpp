#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "cache/import_graph.h"
#include "cache/result_cache.h"
#include "python/source_index.h"
#include "util/files.h"
#include "util/temp_dir.h"

using namespace codegate;
using namespace codegate::cache;

namespace {

std::vector<Finding> sample_findings() {
  Finding pylint;
  pylint.tool = "pylint";
  pylint.rule_id = "W0123";
  pylint.rule_name = "eval-used";
  pylint.level = Level::warning;
  pylint.tool_severity = "warning";
  pylint.path = "pkg/a.py";
  pylint.line = 4;
  pylint.column = 12;
  pylint.end_line = 4;
  pylint.end_column = 19;
  pylint.message = "Use of eval \"quoted\"\nand a second line";
  pylint.help_uri = "https://pylint.readthedocs.io/x.html";
  pylint.suppression = Suppression{3, ""};
  Finding bandit;
  bandit.tool = "bandit";
  bandit.rule_id = "B602";
  bandit.cwe = 78;
  bandit.level = Level::error;
  bandit.tool_severity = "HIGH";
  bandit.confidence = "HIGH";
  bandit.path = "pkg/a.py";
  bandit.message = "shell=True";
  return {pylint, bandit};
}

} // namespace

TEST_CASE("result cache: an entry round-trips every field the tools set") {
  auto findings = sample_findings();
  auto entry = parse_entry_json(entry_json("k1", "pkg/a.py", {"pylint-2.16.2", findings}), "k1", "pkg/a.py");
  REQUIRE(entry);
  CHECK(entry->tool == "pylint-2.16.2");
  const auto* back = &entry->findings;
  REQUIRE(back->size() == 2);
  const Finding& p = (*back)[0];
  CHECK(p.tool == "pylint");
  CHECK(p.rule_id == "W0123");
  CHECK(p.rule_name == "eval-used");
  CHECK(p.level == Level::warning);
  CHECK(p.line == 4);
  CHECK(p.column == 12);
  CHECK(p.end_line == 4);
  CHECK(p.end_column == 19);
  CHECK(p.message == findings[0].message);
  CHECK(p.help_uri == findings[0].help_uri);
  REQUIRE(p.suppression);
  CHECK(p.suppression->line == 3);
  CHECK(!p.cwe);
  const Finding& b = (*back)[1];
  CHECK(b.cwe == 78);
  CHECK(b.confidence == "HIGH");
  CHECK(b.level == Level::error);
  CHECK(!b.suppression);
  // No findings is an entry too (a clean file is a hit).
  auto empty = parse_entry_json(entry_json("k", "x.py", {"t", {}}), "k", "x.py");
  REQUIRE(empty);
  CHECK(empty->findings.empty());
}

TEST_CASE("result cache: another key or path, or a corrupt entry, is a miss") {
  auto text = entry_json("k1", "pkg/a.py", {"t", sample_findings()});
  CHECK(!parse_entry_json(text, "k2", "pkg/a.py"));
  CHECK(!parse_entry_json(text, "k1", "pkg/b.py"));
  CHECK(!parse_entry_json(text.substr(0, text.size() / 2), "k1", "pkg/a.py"));
  CHECK(!parse_entry_json("", "k1", "pkg/a.py"));
  CHECK(!parse_entry_json("[]", "k1", "pkg/a.py"));
  CHECK(parse_entry_json(R"({"format":2,"key":"k1","path":"pkg/a.py","tool":"t","findings":[]})", "k1", "pkg/a.py"));
  CHECK(!parse_entry_json(R"({"format":1,"key":"k1","path":"pkg/a.py","tool":"t","findings":[]})", "k1", "pkg/a.py"));
  CHECK(!parse_entry_json(R"({"format":2,"key":"k1","path":"pkg/a.py","findings":[]})", "k1", "pkg/a.py"));
  CHECK(!parse_entry_json(R"({"format":2,"key":"k1","path":"pkg/a.py","tool":"t","findings":{}})", "k1", "pkg/a.py"));
  // A finding without a field, with a wrong type, an unknown level, or about another file.
  CHECK(!parse_entry_json(R"({"format":2,"key":"k1","path":"pkg/a.py","tool":"t","findings":[{"tool":"pylint"}]})",
                          "k1", "pkg/a.py"));
  std::string other_path = entry_json("k1", "pkg/a.py", {"t", sample_findings()});
  auto at = other_path.find("\"path\":\"pkg/a.py\",\"line\"");
  REQUIRE(at != std::string::npos);
  other_path.replace(at, 17, "\"path\":\"pkg/b.py\"");
  CHECK(!parse_entry_json(other_path, "k1", "pkg/a.py"));
  std::string bad_level = text;
  bad_level.replace(bad_level.find("\"warning\""), 9, "\"fatal!\"");
  CHECK(!parse_entry_json(bad_level, "k1", "pkg/a.py"));
}

TEST_CASE("result cache: store and load on disk; corrupt and unreadable files are misses") {
  util::TempDir dir("codegate-cache-test");
  ResultCache cache(dir.path());
  CHECK(!cache.load("k", "pkg/a.py"));
  REQUIRE(cache.store("k", "pkg/a.py", {"t", sample_findings()}).ok());
  auto loaded = cache.load("k", "pkg/a.py");
  REQUIRE(loaded);
  CHECK(loaded->findings.size() == 2);
  CHECK(!cache.load("k", "pkg/b.py"));
  CHECK(!cache.load("other", "pkg/a.py"));
  { std::ofstream(cache.entry_path("k", "pkg/a.py"), std::ios::trunc) << "{\"format\":1,"; }
  CHECK(!cache.load("k", "pkg/a.py"));
  std::filesystem::remove(cache.entry_path("k", "pkg/a.py"));
  std::filesystem::create_directory(cache.entry_path("k", "pkg/a.py")); // a directory where the file should be
  CHECK(!cache.load("k", "pkg/a.py"));
  ResultCache off("");
  CHECK(!off.enabled());
  CHECK_FALSE(off.store("k", "pkg/a.py", {"t", {}}).ok());
  CHECK(!off.load("k", "pkg/a.py"));
}

TEST_CASE("import graph: module names, relative imports, packages, transitive dependencies") {
  CHECK(module_of_path("src/pkg/__init__.py") == "src.pkg");
  CHECK(module_of_path("a/b.py") == "a.b");
  CHECK(module_of_path("a/b.pyi") == "a.b");
  ImportGraph graph({"src/pkg/__init__.py", "src/pkg/a.py", "src/pkg/b.py", "src/pkg/sub/__init__.py",
                     "src/pkg/sub/c.py", "tools/run.py", "lonely.py"});
  graph.add_imports("tools/run.py", {"pkg.a"});
  graph.add_imports("src/pkg/a.py", {".", ".b", "os"});
  graph.add_imports("src/pkg/b.py", {".sub.c"});
  graph.add_imports("src/pkg/sub/c.py", {"..a"}); // a cycle back
  CHECK(graph.resolve("tools/run.py", "pkg.a") == std::set<std::string>{"src/pkg/__init__.py", "src/pkg/a.py"});
  CHECK(graph.resolve("src/pkg/sub/c.py", "..a") == std::set<std::string>{"src/pkg/__init__.py", "src/pkg/a.py"});
  CHECK(graph.resolve("src/pkg/a.py", "os").empty());
  // The module alone, without the packages importing it runs.
  CHECK(graph.module_files("tools/run.py", "pkg.a") == std::set<std::string>{"src/pkg/a.py"});
  CHECK(graph.module_files("src/pkg/sub/c.py", "..") == std::set<std::string>{"src/pkg/__init__.py"});
  CHECK(graph.module_files("src/pkg/a.py", "os").empty());
  CHECK(graph.dependencies("tools/run.py") == std::set<std::string>{"src/pkg/__init__.py", "src/pkg/a.py",
                                                                    "src/pkg/b.py", "src/pkg/sub/__init__.py",
                                                                    "src/pkg/sub/c.py"});
  CHECK(graph.dependencies("src/pkg/sub/c.py").count("src/pkg/sub/c.py") == 0);
  CHECK(graph.dependencies("lonely.py").empty());
}

TEST_CASE("source index: the imports a file's statements may load") {
  std::map<std::string, std::string> sources = {
      {"pkg/m.py",
       "import os.path, json as j\nfrom . import b\nfrom ..c import d\nfrom e import *\nfrom x.y import z\n"
       "def f():\n    import late\n"}};
  auto indexes = python::index_python_sources(sources);
  REQUIRE(indexes.size() == 1);
  CHECK(indexes[0].imports ==
        std::vector<std::string>{".", "..c", "..c.d", ".b", "e", "json", "late", "os.path", "x.y", "x.y.z"});
}

TEST_CASE("source index: what a file loads by a literal name outside import statements") {
  std::map<std::string, std::string> sources = {
      {"app/m.py",
       "import importlib, runpy\nfrom importlib import import_module as load\n"
       "importlib.import_module('tests.a')\nload('.b', 'tests')\n__import__('tests.c', fromlist=['d'])\n"
       "__import__('e', globals(), locals(), [], 2)\nrunpy.run_module('tests.f')\n"
       "runpy.run_path('tests/g.py')\nexec(open('tests/h.py').read())\n"
       "importlib.util.spec_from_file_location('x', location='tests/i.py')\n"
       "importlib.import_module(name)  # not a literal: not static\n"},
      {"tests/__init__.py", "__all__ = ['a', 'b']\n"},
      {"tests/other.py", "__all__ = ['a']\n"}}; // only a package's __all__ loads submodules
  auto indexes = python::index_python_sources(sources);
  REQUIRE(indexes.size() == 3);
  CHECK(indexes[0].dynamic_imports ==
        std::vector<std::string>{"..e", "tests.a", "tests.b", "tests.c", "tests.c.d", "tests.f", "tests.f.__main__"});
  CHECK(indexes[0].loaded_paths == std::vector<std::string>{"tests/g.py", "tests/h.py", "tests/i.py"});
  CHECK(indexes[1].dynamic_imports == std::vector<std::string>{".a", ".b"});
  CHECK(indexes[2].dynamic_imports.empty());
  CHECK(indexes[0].imports == std::vector<std::string>{"importlib", "importlib.import_module", "runpy"});
}

TEST_CASE("import graph: a literal path a file loads, from the root, its directory or any directory") {
  std::vector<std::string> files = {"tests/g.py",      "src/tests/g.py",        "tools/run.py",
                                    "tools/helper.py", "tools/pkg/__main__.py", "bin/script"};
  CHECK(resolve_loaded_path("app/m.py", "tests/g.py", files) == std::set<std::string>{"src/tests/g.py", "tests/g.py"});
  CHECK(resolve_loaded_path("tools/run.py", "./helper.py", files) == std::set<std::string>{"tools/helper.py"});
  CHECK(resolve_loaded_path("tools/run.py", "pkg", files) == std::set<std::string>{"tools/pkg/__main__.py"});
  CHECK(resolve_loaded_path("tools/run.py", "../bin/script", files) == std::set<std::string>{"bin/script"});
  CHECK(resolve_loaded_path("app/m.py", "/etc/x.py", files).empty());
  CHECK(resolve_loaded_path("app/m.py", "../../x.py", files).empty());
}
