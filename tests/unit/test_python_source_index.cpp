#include <doctest/doctest.h>

#include <filesystem>

#include "core/error.h"
#include "python/interpreter.h"
#include "python/source_index.h"
#include "util/temp_dir.h"

using namespace codegate::python;

namespace {

const char* k_sample = R"PY("""Tools for shapes."""
import functools


def plain(a):
    """Return a function that returns a."""
    def inner():
        return a
    return inner


@functools.lru_cache
@staticmethod
async def fetch(url,
                timeout=3):
    """Fetch a URL."""
    return url


class _Hidden:
    def method(self):
        pass


class Shape:
    """A shape."""

    @property
    def area(self):
        """The area.

            Indented detail.
        """
        return 0

    @area.setter
    def area(self, value):
        pass

    class Inner:
        def deep(self): return 1
)PY";

const SourceUnit& find(const SourceIndex& index, const std::string& qualified, int nth = 0) {
  for (const auto& unit : index.units) {
    if (unit.qualified_name == qualified && nth-- == 0) return unit;
  }
  FAIL("no unit " << qualified);
  throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("the source index finds the module, nested, async, decorated functions, methods and classes") {
  auto indexes = index_python_sources({{"pkg/shapes.py", k_sample}});
  REQUIRE(indexes.size() == 1);
  const auto& index = indexes[0];
  REQUIRE(index.ok);
  CHECK(index.path == "pkg/shapes.py");
  REQUIRE(index.units.size() == 11);

  const auto& module = index.units[0];
  CHECK(module.kind == UnitKind::module);
  CHECK(module.docstring == "Tools for shapes.");
  CHECK(module.start_line == 1);
  CHECK(module.end_line == 41);
  CHECK(index.describe(module) == "module pkg/shapes.py");

  const auto& plain = find(index, "plain");
  CHECK(plain.kind == UnitKind::function);
  CHECK(plain.line == 5);
  CHECK(plain.end_line == 9);
  CHECK(plain.body_line == 6);
  CHECK(plain.docstring_line == 6);
  CHECK(plain.is_public);

  const auto& inner = find(index, "plain.inner");
  CHECK(inner.nested_in_function);
  CHECK_FALSE(inner.is_public);
  CHECK_FALSE(inner.docstring);
  CHECK(index.units[static_cast<std::size_t>(inner.parent)].qualified_name == "plain");

  const auto& fetch = find(index, "fetch");
  CHECK(fetch.is_async);
  CHECK(fetch.start_line == 12); // the first decorator
  CHECK(fetch.line == 14);
  CHECK(fetch.body_line == 16); // after a signature over two lines
  CHECK(fetch.decorators == std::vector<std::string>{"functools.lru_cache", "staticmethod"});
  CHECK(index.describe(fetch) == "async function fetch");

  CHECK_FALSE(find(index, "_Hidden").is_public);
  CHECK(find(index, "_Hidden.method").kind == UnitKind::method);
  CHECK_FALSE(find(index, "_Hidden.method").is_public); // a public name in a private class

  const auto& area = find(index, "Shape.area");
  CHECK(area.kind == UnitKind::method);
  CHECK(area.docstring == "The area.\n\nIndented detail."); // cleaned as inspect.cleandoc does
  CHECK(area.docstring_line == 30);
  CHECK(area.docstring_end_line == 33);
  CHECK(find(index, "Shape.area", 1).decorators == std::vector<std::string>{"area.setter"});

  CHECK(find(index, "Shape.Inner").kind == UnitKind::class_type);
  const auto& deep = find(index, "Shape.Inner.deep");
  CHECK(deep.line == 41);
  CHECK(deep.end_line == 41);
  CHECK(deep.body_line == 41);
}

TEST_CASE("a file with a syntax error is reported, not indexed, and the other files still are") {
  auto indexes = index_python_sources(
      {{"bad.py", "def f(:\n    pass\n"}, {"good.py", "x = 1\n"}, {"nul.py", std::string("x = '\0'\n", 8)}});
  REQUIRE(indexes.size() == 3);
  CHECK(indexes[0].path == "bad.py");
  CHECK_FALSE(indexes[0].ok);
  CHECK(indexes[0].error.rfind("SyntaxError: ", 0) == 0);
  CHECK(indexes[0].error_line == 1);
  CHECK(indexes[1].ok);
  CHECK(indexes[1].units.size() == 1);
  CHECK_FALSE(indexes[1].units[0].docstring);
  CHECK_FALSE(indexes[2].ok);
}

TEST_CASE("the helper only parses: code at module level is never executed") {
  codegate::util::TempDir dir;
  std::string marker = dir.path() + "/ran";
  auto indexes =
      index_python_sources({{"evil.py", "import os\nopen('" + marker + "', 'w').close()\nraise SystemExit(3)\n"}});
  REQUIRE(indexes.size() == 1);
  CHECK(indexes[0].ok);
  CHECK_FALSE(std::filesystem::exists(marker));
}

TEST_CASE("paths and contents with any bytes survive the framing") {
  std::string latin1 = "# -*- coding: latin-1 -*-\ndef f():\n    \"\"\"caf\xe9\"\"\"\n";
  auto indexes =
      index_python_sources({{"odd name\n.py", "def g():\n    '''x'''\r\n"}, {"latin.py", latin1}, {"empty.py", ""}});
  REQUIRE(indexes.size() == 3);
  CHECK(indexes[0].path == "empty.py");
  CHECK(indexes[0].ok);
  CHECK(indexes[1].path == "latin.py");
  REQUIRE(indexes[1].ok);
  CHECK(indexes[1].units[1].docstring == "caf\xc3\xa9");
  CHECK(indexes[2].path == "odd name\n.py");
  CHECK(indexes[2].units[1].docstring == "x");
}

TEST_CASE("frame_sources writes sizes, then the path and content bytes") {
  CHECK(frame_sources({{"a.py", "x\n"}, {"b.py", ""}}) == "4 2\na.pyx\n4 0\nb.py");
}

TEST_CASE("parse_index_json rejects output that is not the helper's answer") {
  CHECK_THROWS_AS(parse_index_json("Traceback (most recent call last):"), codegate::ToolError);
  CHECK_THROWS_AS(parse_index_json(R"({"files": [{"path": "a.py", "ok": true, "units": []}]})"), codegate::ToolError);
  CHECK_THROWS_AS(parse_index_json(R"({"files": [{"path": "a.py", "ok": true, "units": [{"kind": "lambda"}]}]})"),
                  codegate::ToolError);
  auto parsed = parse_index_json(R"({"files": [{"path": "a.py", "ok": false, "error": "SyntaxError: x", "line": 4}]})");
  CHECK(parsed.at(0).error_line == 4);
}

TEST_CASE("the helpers' Python is the one a #! line names") {
  using codegate::python::python_of_shebang;
  CHECK(python_of_shebang("#!/usr/bin/python3") == "/usr/bin/python3");
  CHECK(python_of_shebang("#! /usr/bin/python3.11 -I") == "/usr/bin/python3.11");
  CHECK(python_of_shebang("#!/usr/bin/env python3") == "python3");
  CHECK(python_of_shebang("#!/opt/venv/bin/python") == "/opt/venv/bin/python");
  CHECK(python_of_shebang("#!/bin/sh") == "");
  CHECK(python_of_shebang("#!/usr/bin/env -S python3 -u") == "");
  CHECK(python_of_shebang("#!python3") == "");
  CHECK(python_of_shebang("import sys") == "");
  CHECK(python_of_shebang("#!") == "");
}
