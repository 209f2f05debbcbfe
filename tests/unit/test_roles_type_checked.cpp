#include <doctest/doctest.h>

#include "files_snapshot.h"
#include "roles/file_roles.h"
#include "roles/type_checked_paths.h"

using namespace codegate;
using namespace codegate::roles;
using codegate::testing::FilesSnapshot;

namespace {

std::vector<std::string> named(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& n : scan_type_checker_commands(text).named) out.push_back(n.argument);
  return out;
}

std::vector<std::string> paths_of(const std::map<std::string, std::string>& files) {
  FilesSnapshot snapshot(files);
  std::vector<std::string> out;
  for (const auto& checked : read_type_checked_paths(snapshot, snapshot.list_files())) out.push_back(checked.path);
  return out;
}

} // namespace

TEST_CASE("type-checked paths: the arguments of the type checkers' commands, not their options' values") {
  CHECK(named("    mypy: mypy typing-examples") == std::vector<std::string>{"typing-examples"});
  CHECK(named("commands = [[\"mypy\", \"--config-file\", \"mypy.ini\", \"stubs/\"]]") ==
        std::vector<std::string>{"stubs/"});
  CHECK(named("    session.run(\"pyright\", \"typing-examples/baseline.py\")") ==
        std::vector<std::string>{"typing-examples/baseline.py"});
  CHECK(named("ty check typing-examples/baseline.py && pytest tests") ==
        std::vector<std::string>{"typing-examples/baseline.py"});
  CHECK(named("      run: uv run pyrefly check --python-version 3.12 examples") ==
        std::vector<std::string>{"examples"});
  CHECK(named("    mypy: mypy {posargs} --strict") == std::vector<std::string>{});
  CHECK(named("    tests: pytest {posargs:-n auto}").empty());
  CHECK(scan_type_checker_commands("    tests: pytest tests\n").others.size() == 1);
}

TEST_CASE("type-checked paths: what the repository has and nothing else runs; never the root") {
  const std::string tox = "[testenv]\ncommands =\n    mypy: mypy typing-examples src .\n    mypy: mypy missing\n";
  CHECK(paths_of({{"tox.ini", tox}, {"typing-examples/a.py", ""}, {"src/pkg/__init__.py", ""}}) ==
        std::vector<std::string>{"typing-examples", "src"});
  CHECK(paths_of({{"tox.ini", tox + "    python typing-examples/a.py\n"}, {"typing-examples/a.py", ""}}).empty());
  // pyproject.toml's commands only in [tool.tox]: elsewhere `mypy = [...]` is a dependency group.
  CHECK(paths_of({{"pyproject.toml", "[dependency-groups]\nmypy = [\"mypy\", \"tests\"]\n"}, {"tests/a.py", ""}})
            .empty());
  CHECK(paths_of({{"pyproject.toml", "[tool.tox.env.mypy]\ncommands = [[\"mypy\", \"examples\"]]\n"},
                  {"examples/a.py", ""}}) == std::vector<std::string>{"examples"});
  CHECK(paths_of({{".github/workflows/ci.yml", "      - run: mypy examples\n"}, {"examples/a.py", ""}}) ==
        std::vector<std::string>{"examples"});
}

TEST_CASE("type-checked paths: a package or a script under the path is product code; the role comes after test") {
  FilesSnapshot snapshot({{"tox.ini", "[testenv]\ncommands = mypy typing-examples src\n"},
                          {"typing-examples/a.py", ""},
                          {"src/pkg/__init__.py", ""},
                          {"src/loose.py", ""}});
  ProjectSettings settings;
  settings.type_checked = read_type_checked_paths(snapshot, snapshot.list_files());
  RolesConfig config;
  FileRoles roles(config, settings);
  auto decision = roles.classify("typing-examples/pyrefly.py", "x.a\n", std::nullopt);
  CHECK(decision.role == FileRole::typing);
  CHECK(decision.why == "a type checker's command in tox.ini: commands = mypy typing-examples src");
  CHECK(roles.classify("src/pkg/models.py", "", std::nullopt).role == FileRole::product);
  CHECK(roles.classify("src/loose.py", "", std::nullopt).role == FileRole::typing);
  CHECK(roles.classify("src/loose.py", "#!/usr/bin/env python3\n", std::nullopt).role == FileRole::product);
  CHECK(roles.classify("src/loose.py", "if __name__ == \"__main__\":\n    main()\n", std::nullopt).role ==
        FileRole::product);
  CHECK(roles.classify("typing-examples/test_x.py", "", std::nullopt).role == FileRole::test);
}
