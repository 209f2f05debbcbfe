// What the analyzers' findings say beyond the tools' words: suppression comments, Pylint's
// suppressed messages, and modules outside the repository.
#include <doctest/doctest.h>

#include "analyzers/bandit/bandit_analyzer.h"
#include "analyzers/bandit/nosec.h"
#include "analyzers/pylint/outside_repository.h"
#include "analyzers/pylint/pylint_analyzer.h"
#include "analyzers/pylint/pylint_suppressed.h"
#include "intent/ignore_comment.h"
#include "intent/intent_analyzer.h"

using namespace codegate;

TEST_CASE("a bare nosec covers every Bandit test, a nosec with tests only those") {
  CHECK(covering_nosec("subprocess.call(c, shell=True)  # nosec", "B602", "x") == "# nosec");
  CHECK(covering_nosec("call(c)  #nosec B602", "B602", "x") == "#nosec B602");
  CHECK(covering_nosec("call(c)  # nosec: B603, B602", "B602", "x") == "# nosec: B603, B602");
  CHECK(covering_nosec("call(c)  # nosec subprocess_popen_with_shell_equals_true", "B602",
                       "subprocess_popen_with_shell_equals_true"));
  CHECK_FALSE(covering_nosec("call(c)  # nosec B101", "B602", "x"));
  CHECK(covering_nosec("call(c)  # nosec B602 # reviewed by ops", "B602", "x") == "# nosec B602 # reviewed by ops");
  CHECK_FALSE(covering_nosec("call(c)  # nosecurity", "B602", "x"));
  CHECK_FALSE(covering_nosec("call(c)", "B602", "x"));
}

TEST_CASE("Bandit findings get the nosec of their line; Pylint's get their pragma's text") {
  std::map<std::string, std::string> sources = {
      {"a.py",
       "import subprocess\nsubprocess.call(c, shell=True)  # nosec\nx = eval(c)  # pylint: disable=eval-used\n"}};
  Finding bandit;
  bandit.tool = "bandit";
  bandit.rule_id = "B602";
  bandit.path = "a.py";
  bandit.line = 2;
  Finding pylint;
  pylint.tool = "pylint";
  pylint.rule_id = "W0123";
  pylint.path = "a.py";
  pylint.line = 3;
  pylint.suppression = Suppression{3, ""};
  std::vector<Finding> findings = {bandit, pylint};
  std::vector<std::string> files = {"a.py"};
  AnalyzedTree tree{sources, files, []() -> const std::set<std::string>* { return nullptr; }};
  std::vector<std::string> notes;
  bandit_analyzer().complete(findings, tree, notes); // each analyzer finishes its own findings only
  CHECK_FALSE(findings[1].suppression->comment == "# pylint: disable=eval-used");
  pylint_analyzer().complete(findings, tree, notes);
  CHECK(notes.empty());
  REQUIRE(findings[0].suppression);
  CHECK(findings[0].suppression->line == 2);
  CHECK(findings[0].suppression->comment == "# nosec");
  CHECK(findings[1].suppression->comment == "# pylint: disable=eval-used");
}

TEST_CASE("Pylint's mirrors of Pyflakes rules get the noqa or Ruff comment naming the F rule; the rest none") {
  std::map<std::string, std::string> sources = {{"a.py",
                                                 "import socket  # noqa: F401\n"              // 1
                                                 "import os  # noqa\n"                        // 2
                                                 "import re  # noqa: E501\n"                  // 3
                                                 "import io  # ruff: ignore[unused-import]\n" // 4
                                                 "print(name)  # noqa: F821\n"                // 5
                                                 "x.missing  # noqa: F401\n"                  // 6
                                                 "import gc  # noqa: F401  # pylint: disable=unused-import\n"}};
  std::vector<std::string> files = {"a.py"};
  auto pylint = [](const std::string& id, int line) {
    Finding f;
    f.tool = "pylint";
    f.rule_id = id;
    f.path = "a.py";
    f.line = line;
    return f;
  };
  std::vector<Finding> findings = {pylint("W0611", 1), pylint("W0611", 2), pylint("W0611", 3), pylint("W0611", 4),
                                   pylint("E0602", 5), pylint("E1101", 6), pylint("W0611", 7)};
  findings[6].suppression = Suppression{7, ""}; // Pylint's own (I0020): its pragma stays the comment
  std::vector<std::string> notes;
  pylint_analyzer().complete(findings, {sources, files, []() -> const std::set<std::string>* { return nullptr; }},
                             notes);
  auto comment = [&](int at) { return findings[at].suppression ? findings[at].suppression->comment : "-"; };
  CHECK(comment(0) == "# noqa: F401");
  CHECK(comment(1) == "-"); // a bare noqa names no rule, and Pylint does not read it
  CHECK(comment(2) == "-"); // names another code
  CHECK(comment(3) == "# ruff: ignore[unused-import]");
  CHECK(comment(4) == "# noqa: F821");
  CHECK(comment(5) == "-"); // no-member mirrors no Pyflakes rule
  CHECK(comment(6) == "# pylint: disable=unused-import");
  CHECK(pylint_analyzer().ruff_rule(findings[0])->code == "F401");
  CHECK(pylint_analyzer().ruff_rule(findings[5]) == nullptr);
}

TEST_CASE("codegate's findings get the codegate: ignore that names their rule; not-analysed never does") {
  std::map<std::string, std::string> sources = {{"a.py", "def f():  # codegate: ignore[missing-docstring]\n"}};
  std::vector<std::string> files = {"a.py"};
  Finding missing;
  missing.tool = "codegate";
  missing.rule_id = "missing-docstring";
  missing.path = "a.py";
  missing.line = 1;
  Finding not_analysed = missing;
  not_analysed.rule_id = "not-analysed";
  std::vector<Finding> findings = {missing, not_analysed};
  std::vector<std::string> notes;
  intent_analyzer().complete(findings, {sources, files, []() -> const std::set<std::string>* { return nullptr; }},
                             notes);
  REQUIRE(findings[0].suppression);
  CHECK(findings[0].suppression->comment == "# codegate: ignore[missing-docstring]");
  CHECK_FALSE(findings[1].suppression);
}

TEST_CASE("Pylint's suppressed-message report and --help-msg output are read") {
  auto suppressed = parse_suppressed_message("Suppressed 'eval-used' (from line 8)");
  REQUIRE(suppressed);
  CHECK(suppressed->symbol == "eval-used");
  CHECK(suppressed->pragma_line == 8);
  CHECK_FALSE(parse_suppressed_message("Suppressed something else"));

  auto help = parse_message_help(
      ":eval-used (W0123): *Use of eval*\n  Used when you use eval.\n\n"
      ":unused-variable (W0612): *Unused variable %r*\n"
      ":invalid-name (C0103): *%s name \"%s\" doesn't conform to %s*\n");
  CHECK(help["eval-used"].id == "W0123");
  CHECK(help["eval-used"].description == "Use of eval");
  CHECK(help["unused-variable"].description == "Unused variable");
  CHECK(help["invalid-name"].description == "name doesn't conform to");
  CHECK(pylint_type_of("E0602") == "error");
  CHECK(pylint_type_of("W0123") == "warning");
  CHECK(pylint_type_of("") == "");
}

namespace {
Finding pylint_says(const std::string& id, const std::string& message) {
  Finding f;
  f.tool = "pylint";
  f.rule_id = id;
  f.tool_severity = "error";
  f.level = Level::error;
  f.message = message;
  return f;
}
} // namespace

TEST_CASE("a name missing from a module the repository does not have whole is advisory") {
  // poetry's layout: src/poetry is a namespace package (no __init__.py) that poetry-core extends,
  // and src/poetry/poetry.py is what Pylint 2.16 takes `poetry` for.
  RepositoryModules modules({"src/poetry/console/application.py", "src/poetry/console/__init__.py",
                             "src/poetry/poetry.py", "src/poetry/factory.py", "src/mylib/__init__.py",
                             "src/mylib/tools.py"});
  CHECK(modules.provides("poetry.console"));
  CHECK(modules.provides("poetry"));
  CHECK_FALSE(modules.is_complete("poetry")); // a namespace directory as well as poetry.py
  CHECK(modules.is_complete("mylib"));
  CHECK(modules.is_complete("poetry.factory"));

  std::set<std::string> standard_library = {"os", "typing"};
  std::vector<Finding> findings = {
      pylint_says("E0611", "No name 'core' in module 'poetry'"),               // another distribution's part
      pylint_says("E1101", "Module 'poetry' has no 'core' member"),            // the same, as no-member
      pylint_says("E0611", "No name 'Session' in module 'requests'"),          // third party
      pylint_says("E0611", "No name 'console' in module 'poetry'"),            // the repository has it
      pylint_says("E0611", "No name 'missing' in module 'mylib'"),             // the repository's own: real
      pylint_says("E1101", "Module 'poetry.factory' has no 'nothing' member"), // a repository module: real
      pylint_says("E0611", "No name 'override' in module 'typing'"),           // standard library: real
      pylint_says("E0602", "Undefined variable 'core'"),                       // another rule: untouched
  };
  CHECK(uninspectable_module(findings[0]) == "poetry.core");
  CHECK(uninspectable_module(findings[1]) == "poetry.core");
  mark_outside_repository(findings, modules, standard_library);
  CHECK(findings[0].advisory ==
        "'poetry.core' is not part of the repository, and the gate's machine does not have the project's "
        "dependencies, so Pylint could not inspect it");
  CHECK(findings[0].level == Level::note);
  CHECK_FALSE(findings[1].advisory.empty());
  CHECK_FALSE(findings[2].advisory.empty());
  CHECK(findings[3].advisory ==
        "the repository has 'poetry.console', but Pylint resolved its package to another module (a "
        "namespace-package layout)");
  CHECK(findings[4].advisory.empty());
  CHECK(findings[4].level == Level::error);
  CHECK(findings[5].advisory.empty());
  CHECK(findings[6].advisory.empty());
  CHECK(findings[7].advisory.empty());
}

TEST_CASE("# noqa: S<nnn> covers Bandit's B<nnn>; a bare noqa or another code does not") {
  CHECK(covering_noqa("eval(code, ns)  # noqa: S307 - arbitrary code by design", "B307") ==
        "# noqa: S307 - arbitrary code by design");
  CHECK(covering_noqa("x  #NOQA:E501,S602", "B602") == "#NOQA:E501,S602");
  CHECK_FALSE(covering_noqa("x  # noqa", "B602"));
  CHECK_FALSE(covering_noqa("x  # noqa: E501", "B602"));
  CHECK_FALSE(covering_noqa("x  # noqa: S6021", "B602"));
  CHECK_FALSE(covering_noqa("x = 'noqa: S602'", "B602")); // not in a comment
  CHECK_FALSE(covering_noqa("x  # noqa: S602", "E0602"));
}

TEST_CASE("# codegate: ignore[...] names codegate's own rules") {
  CHECK(covering_codegate_ignore("def f():  # codegate: ignore[missing-docstring]", "missing-docstring") ==
        "# codegate: ignore[missing-docstring]");
  CHECK(covering_codegate_ignore("def f():  # codegate: ignore[intent-mismatch, missing-docstring]",
                                 "missing-docstring"));
  CHECK_FALSE(covering_codegate_ignore("def f():  # codegate: ignore[intent-mismatch]", "missing-docstring"));
  CHECK_FALSE(covering_codegate_ignore("def f():  # codegate: ignore", "missing-docstring"));
}
