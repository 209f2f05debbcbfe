// The project's Ruff ignores: read from pyproject.toml's [tool.ruff] or ruff.toml (roles/), matched
// as Ruff matches them (roles/ruff_ignores), and applied to Bandit's and Pyflakes' findings with a
// note (pipeline/ruff_ignores).

#include <doctest/doctest.h>

#include "files_snapshot.h"
#include "pipeline/ruff_ignores.h"
#include "roles/project_settings.h"

using namespace codegate;
using namespace codegate::roles;
using codegate::testing::FilesSnapshot;
using Files = std::map<std::string, std::string>;

TEST_CASE("per-file-ignores patterns match as Ruff's globs do") {
  CHECK(ruff_pattern_matches("scripts/**", "scripts/release.py"));
  CHECK(ruff_pattern_matches("scripts/**", "scripts/docs/build.py"));
  CHECK_FALSE(ruff_pattern_matches("scripts/**", "src/scripts/build.py"));
  CHECK(ruff_pattern_matches("tests/*", "tests/unit/test_a.py")); // `*` crosses '/'
  CHECK(ruff_pattern_matches("./tests/*", "tests/test_a.py"));
  CHECK(ruff_pattern_matches("__init__.py", "pkg/sub/__init__.py")); // the file name
  CHECK(ruff_pattern_matches("**/tests/*", "tests/test_a.py"));
  CHECK(ruff_pattern_matches("**/tests/*", "pkg/tests/test_a.py"));
  CHECK(ruff_pattern_matches("{scripts,tools}/*.py", "tools/x.py"));
  CHECK_FALSE(ruff_pattern_matches("{scripts,tools}/*.py", "docs/x.py"));
  CHECK(ruff_pattern_matches("!src/**", "scripts/x.py"));
  CHECK_FALSE(ruff_pattern_matches("!src/**", "src/x.py"));
}

TEST_CASE("a selector selects by code, prefix, name or ALL; the more specific the higher") {
  CHECK(ruff_selector_specificity("ALL", "S603", "subprocess-without-shell-equals-true") == 1);
  CHECK(ruff_selector_specificity("S", "S603", "subprocess-without-shell-equals-true") == 2);
  CHECK(ruff_selector_specificity("S6", "S603", "subprocess-without-shell-equals-true") == 3);
  CHECK(ruff_selector_specificity("S603", "S603", "subprocess-without-shell-equals-true") == 5);
  CHECK(ruff_selector_specificity("subprocess-without-shell-equals-true", "S603",
                                  "subprocess-without-shell-equals-true") == 5);
  CHECK(ruff_selector_specificity("S61", "S603", "subprocess-without-shell-equals-true") == 0);
  CHECK(ruff_selector_specificity("s603", "S603", "subprocess-without-shell-equals-true") == 0);
  CHECK(ruff_selector_specificity("subprocess", "S603", "subprocess-without-shell-equals-true") == 0);
}

TEST_CASE("which setting ignores a rule where; a more specific select wins over ignore") {
  RuffIgnores ignores;
  ignores.per_file.push_back({"lint.per-file-ignores", "scripts/**", {"S603", "S607"}});
  ignores.ignore = {"S1"};
  ignores.select = {"S", "S113"};
  CHECK(ruff_ignoring_setting(ignores, "scripts/x.py", "S603", "x") == "lint.per-file-ignores \"scripts/**\"");
  CHECK_FALSE(ruff_ignoring_setting(ignores, "src/x.py", "S603", "x"));
  CHECK(ruff_ignoring_setting(ignores, "src/x.py", "S101", "assert") == "lint.ignore");
  CHECK_FALSE(ruff_ignoring_setting(ignores, "src/x.py", "S113", "request-without-timeout"));
  CHECK_FALSE(ruff_ignoring_setting(ignores, "src/x.py", "S602", "x"));
}

TEST_CASE("Ruff's ignores come from [tool.ruff.lint], its older top-level keys, or ruff.toml first") {
  FilesSnapshot pyproject(Files{{"pyproject.toml",
                                 "[tool.ruff]\nignore = [\"S101\"]\n"
                                 "[tool.ruff.lint]\nextend-ignore = [\"E501\"]\nselect = [\"S\"]\n"
                                 "[tool.ruff.lint.per-file-ignores]\n\"scripts/**\" = [\"S603\", \"S607\"]\n"
                                 "[tool.ruff.lint.extend-per-file-ignores]\n\"tests/**\" = [\"S\"]\n"}});
  RuffIgnores ignores = read_project_settings(pyproject).ruff_ignores;
  CHECK(ignores.source == "pyproject.toml [tool.ruff]");
  CHECK(ignores.ignore == std::vector<std::string>{"S101", "E501"});
  CHECK(ignores.select == std::vector<std::string>{"S"});
  REQUIRE(ignores.per_file.size() == 2);
  CHECK(ignores.per_file[0].setting == "lint.per-file-ignores");
  CHECK(ignores.per_file[0].pattern == "scripts/**");
  CHECK(ignores.per_file[0].selectors == std::vector<std::string>{"S603", "S607"});
  CHECK(ignores.per_file[1].setting == "lint.extend-per-file-ignores");

  FilesSnapshot both(Files{{"pyproject.toml", "[tool.ruff.lint]\nignore = [\"S101\"]\n"},
                           {"ruff.toml", "[lint.per-file-ignores]\n\"tests/*\" = [\"S101\"]\n"}});
  ignores = read_project_settings(both).ruff_ignores;
  CHECK(ignores.source == "ruff.toml");
  CHECK(ignores.ignore.empty());
  REQUIRE(ignores.per_file.size() == 1);
  CHECK(ignores.per_file[0].pattern == "tests/*");

  FilesSnapshot legacy(Files{{".ruff.toml", "[per-file-ignores]\n\"scripts/*\" = [\"S603\"]\n"}});
  ignores = read_project_settings(legacy).ruff_ignores;
  REQUIRE(ignores.per_file.size() == 1);
  CHECK(ignores.per_file[0].setting == "per-file-ignores");
}

namespace {
Finding finding(const std::string& tool, const std::string& rule, const std::string& path) {
  Finding f;
  f.tool = tool;
  f.rule_id = rule;
  f.path = path;
  return f;
}
} // namespace

TEST_CASE("the findings of the rules Ruff ignores there are left out and counted in one note") {
  RuffIgnores ignores;
  ignores.source = "pyproject.toml [tool.ruff]";
  ignores.per_file.push_back({"lint.per-file-ignores", "scripts/**", {"S603", "S607"}});
  ignores.per_file.push_back({"lint.per-file-ignores", "__init__.py", {"unused-import"}});
  ignores.ignore = {"S101"};
  std::vector<Finding> findings{
      finding("bandit", "B603", "scripts/a.py"),     finding("bandit", "B607", "scripts/a.py"),
      finding("bandit", "B603", "scripts/b.py"),     finding("bandit", "B603", "src/a.py"),
      finding("bandit", "B101", "src/a.py"),         finding("pyflakes", "F401", "pkg/__init__.py"),
      finding("pylint", "W0611", "pkg/__init__.py"), finding("bandit", "B703", "scripts/a.py")};
  std::vector<std::string> notes;
  apply_ruff_ignores(findings, ignores, notes);
  REQUIRE(findings.size() == 2);
  CHECK(qualified_rule(findings[0]) + " " + findings[0].path == "bandit/B603 src/a.py");
  CHECK(qualified_rule(findings[1]) == "bandit/B703"); // no S703 in Ruff
  // Pylint's unused-import mirrors F401 (analyzers/pylint/pyflakes_mirrors.h).
  CHECK(notes ==
        std::vector<std::string>{"6 findings not reported: the project's Ruff configuration ignores their rules there "
                                 "(pyproject.toml [tool.ruff]: lint.ignore, lint.per-file-ignores \"__init__.py\", "
                                 "lint.per-file-ignores \"scripts/**\"): 1 bandit/B101 (S101), 2 bandit/B603 (S603), "
                                 "1 bandit/B607 (S607), 1 pyflakes/F401 (F401), 1 pylint/W0611 (F401)"});

  std::vector<std::string> none;
  apply_ruff_ignores(findings, ignores, none);
  CHECK(none.empty());
}
