#include <doctest/doctest.h>

#include "analyzers/pylint/guarded_inference.h"
#include "core/error.h"
#include "python/source_index.h"

using namespace codegate;

namespace {

// Spans as Pylint 2.16 reports them (columns 1-based here, as the parser stores them).
Finding pylint_error(const std::string& id, int line, int column, int end_column, const std::string& message) {
  Finding f;
  f.tool = "pylint";
  f.rule_id = id;
  f.tool_severity = "error";
  f.level = Level::error;
  f.path = "app.py";
  f.line = line;
  f.end_line = line;
  f.column = column + 1;
  f.end_column = end_column + 1;
  f.message = message;
  return f;
}

Narrowing narrowing(const std::string& name, Narrowing::Kind kind, int line, int column, int end_line, int end_column) {
  return Narrowing{name, kind, line, line, column, end_line, end_column};
}

const std::string k_source =
    "if self.hook is not None and self.hook(err):\n" // 1
    "    self.missing()\n"                           // 2
    "    foo.bar.baz\n"                              // 3
    "    make()(1)\n"                                // 4
    "    shape.area(2, (3))\n";                      // 5

} // namespace

TEST_CASE("a not-None test explains not-callable on the same expression, never a missing member") {
  std::vector<Narrowing> guards = {narrowing("self.hook", Narrowing::Kind::value, 1, 29, 1, 43),
                                   narrowing("self.hook", Narrowing::Kind::value, 2, 4, 5, 22)};
  auto called = pylint_error("E1102", 1, 29, 43, "self.hook is not callable");
  CHECK(explaining_narrowing(called, k_source, guards).has_value());
  called.line = 6; // outside every region
  CHECK_FALSE(explaining_narrowing(called, k_source, guards).has_value());
  // The guard narrows self.hook; the member is missing from self.
  CHECK_FALSE(explaining_narrowing(pylint_error("E1101", 2, 4, 16, "Instance of 'App' has no 'missing' member"),
                                   k_source, guards));
  std::vector<Narrowing> on_self = {narrowing("self", Narrowing::Kind::value, 2, 4, 5, 22)};
  CHECK_FALSE(explaining_narrowing(pylint_error("E1101", 2, 4, 16, "Instance of 'App' has no 'missing' member"),
                                   k_source, on_self));
}

TEST_CASE("a type guard explains errors on its name and on what lies under it") {
  std::vector<Narrowing> guards = {narrowing("foo", Narrowing::Kind::type, 2, 4, 5, 22)};
  auto member = pylint_error("E1101", 3, 4, 15, "Instance of 'Bar' has no 'baz' member");
  auto explained = explaining_narrowing(member, k_source, guards);
  REQUIRE(explained.has_value());
  CHECK(explained->name == "foo");
  // hasattr(foo.bar, "baz") narrows the member itself.
  CHECK(explaining_narrowing(member, k_source, {narrowing("foo.bar.baz", Narrowing::Kind::type, 2, 4, 5, 22)}));
  CHECK_FALSE(explaining_narrowing(member, k_source, {narrowing("fo", Narrowing::Kind::type, 2, 4, 5, 22)}));

  // A call's arguments against the callee: a type guard on its owner; a call result is no name.
  std::vector<Narrowing> shape = {narrowing("shape", Narrowing::Kind::type, 2, 4, 5, 22)};
  CHECK(explaining_narrowing(pylint_error("E1121", 5, 4, 22, "Too many positional arguments for method call"), k_source,
                             shape));
  CHECK_FALSE(explaining_narrowing(pylint_error("E1121", 5, 4, 22, "Too many positional arguments for method call"),
                                   k_source, {narrowing("shape", Narrowing::Kind::value, 2, 4, 5, 22)}));
  CHECK_FALSE(explaining_narrowing(pylint_error("E1121", 4, 4, 13, "Too many positional arguments for function call"),
                                   k_source, {narrowing("make", Narrowing::Kind::type, 2, 4, 5, 22)}));
}

TEST_CASE("only Pylint's inference errors are guardable") {
  CHECK(is_guardable_inference_error(pylint_error("E1136", 1, 0, 1, "Value 'x' is unsubscriptable")));
  CHECK_FALSE(is_guardable_inference_error(pylint_error("E0602", 1, 0, 1, "Undefined variable 'x'")));
  Finding bandit = pylint_error("E1101", 1, 0, 1, "x");
  bandit.tool = "bandit";
  CHECK_FALSE(is_guardable_inference_error(bandit));
}

TEST_CASE("mark_guarded_inference asks only for the files with a candidate, and marks the finding a note") {
  std::vector<Finding> findings = {pylint_error("E1102", 1, 29, 43, "self.hook is not callable"),
                                   pylint_error("E0602", 1, 0, 4, "Undefined variable 'self'")};
  std::map<std::string, std::string> sources = {{"app.py", k_source}};
  std::set<std::string> asked;
  mark_guarded_inference(findings, sources, [&](const std::set<std::string>& paths) {
    asked = paths;
    return std::map<std::string, std::vector<Narrowing>>{
        {"app.py", {narrowing("self.hook", Narrowing::Kind::value, 1, 29, 1, 43)}}};
  });
  CHECK(asked == std::set<std::string>{"app.py"});
  CHECK(findings[0].level == Level::note);
  CHECK(findings[0].advisory ==
        "'self.hook' is narrowed by a test that it is not None on line 1; Pylint does not narrow, so it judged the "
        "expression as if unguarded");
  CHECK(findings[1].advisory.empty());
}

TEST_CASE("the source index reads the helper's narrowings and refuses malformed ones") {
  auto files = python::parse_index_json(
      R"({"files": [{"path": "a.py", "ok": true, "units": [{"kind": "module", "line": 1}],
          "narrowings": [["self.hook", "value", 3, 3, 29, 3, 43], ["foo", "type", 5, 6, 4, 8, 10]]}]})");
  REQUIRE(files.size() == 1);
  REQUIRE(files[0].narrowings.size() == 2);
  const Narrowing& hook = files[0].narrowings[0];
  CHECK(hook.name == "self.hook");
  CHECK(hook.kind == Narrowing::Kind::value);
  CHECK(hook.covers(3, 29));
  CHECK_FALSE(hook.covers(3, 43));
  CHECK(files[0].narrowings[1].kind == Narrowing::Kind::type);
  CHECK(files[0].narrowings[1].covers(7, 0));
  CHECK_THROWS_AS(python::parse_index_json(
                      R"({"files": [{"path": "a.py", "ok": true, "units": [{"kind": "module", "line": 1}],
                          "narrowings": [["x", "maybe", 1, 1, 0, 1, 1]]}]})"),
                  ToolError);
}

TEST_CASE("the helper finds the guards of if, and, or, assert, early exits and conditional expressions") {
  const std::string source =
      "def f(x, y, app):\n"                        // 1
      "    if x is None:\n"                        // 2
      "        return\n"                           // 3
      "    x.a\n"                                  // 4
      "    assert isinstance(y, int)\n"            // 5
      "    y.b\n"                                  // 6
      "    app.hook is not None and app.hook(1)\n" // 7
      "    y.c if not callable(app) else app.d\n"  // 8
      "    if not hasattr(app, 'e'):\n"            // 9
      "        pass\n"                             // 10
      "    else:\n"                                // 11
      "        app.e\n"                            // 12
      "    if len(app):\n"                         // 13
      "        app.f\n";                           // 14
  auto index = python::index_python_sources({{"g.py", source}});
  REQUIRE(index.size() == 1);
  REQUIRE(index[0].ok);
  auto holds = [&](const std::string& name, Narrowing::Kind kind, int line, int column) {
    for (const auto& n : index[0].narrowings)
      if (n.name == name && n.kind == kind && n.covers(line, column)) return true;
    return false;
  };
  CHECK(holds("x", Narrowing::Kind::value, 4, 4));
  CHECK(holds("y", Narrowing::Kind::type, 6, 4));
  CHECK(holds("app.hook", Narrowing::Kind::value, 7, 29));
  CHECK_FALSE(holds("app.hook", Narrowing::Kind::value, 7, 4));
  CHECK(holds("app", Narrowing::Kind::type, 8, 34));
  CHECK_FALSE(holds("app", Narrowing::Kind::type, 8, 4));
  CHECK(holds("app.e", Narrowing::Kind::type, 12, 8));
  CHECK_FALSE(holds("app", Narrowing::Kind::type, 14, 8)); // len() says nothing of its argument's type
}
