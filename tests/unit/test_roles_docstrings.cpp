#include <doctest/doctest.h>

#include <map>

#include "analyzers/pylint/docstring_check.h"
#include "config/config.h"
#include "roles/docstring_requirement.h"

using namespace codegate;

namespace {

// A revision's files from a map.
class Files final : public git::Snapshot {
public:
  explicit Files(std::map<std::string, std::string> files) : files_(std::move(files)) {}
  std::optional<std::string> read(const std::string& path) const override {
    auto it = files_.find(path);
    if (it == files_.end()) return std::nullopt;
    return it->second;
  }
  std::vector<std::string> list_files() const override {
    std::vector<std::string> out;
    for (const auto& [path, content] : files_) out.push_back(path);
    return out;
  }
  std::string describe() const override { return "the test's files"; }

private:
  std::map<std::string, std::string> files_;
};

std::optional<std::string> asked(std::map<std::string, std::string> files) {
  return roles::docstring_requirement(Files(std::move(files)));
}

bool pylint_checks(const std::string& name, const std::string& content, PylintConfig config = {}) {
  return checks_function_docstrings(config, AnalyzerConfigFile{name, content, "commit 1a2b3c4:" + name});
}

} // namespace

TEST_CASE("docstring requirement: Ruff's selection of D102 or D103, the more specific selector winning") {
  CHECK(asked({}) == std::nullopt);
  CHECK(asked({{"pyproject.toml", "[tool.ruff]\nline-length = 88\n"}}) ==
        std::nullopt); // Ruff's default: E4, E7, E9, F
  CHECK(asked({{"pyproject.toml", "[tool.ruff.lint]\nselect = [\"E\", \"D\"]\n"}}) ==
        "pyproject.toml [tool.ruff] (Ruff's D102/D103)");
  CHECK(asked({{"pyproject.toml", "[tool.ruff]\nlint.extend-select = [\"D103\"]\n"}}));
  CHECK(asked({{"pyproject.toml", "[tool.ruff]\nselect = [\"ALL\"]\n"}})); // the legacy top-level key
  CHECK(asked({{"pyproject.toml", "[tool.ruff]\nselect = [\"ALL\"]\nignore = [\"D\"]\n"}}) == std::nullopt);
  CHECK(asked({{"pyproject.toml", "[tool.ruff.lint]\nselect = [\"D\"]\nignore = [\"D1\"]\n"}}) == std::nullopt);
  CHECK(asked({{"pyproject.toml", "[tool.ruff.lint]\nselect = [\"D\"]\nignore = [\"D102\", \"D103\"]\n"}}) ==
        std::nullopt);
  CHECK(asked({{"pyproject.toml", "[tool.ruff.lint]\nselect = [\"D\"]\nignore = [\"D102\"]\n"}})); // D103 stays
  CHECK(asked({{"pyproject.toml", "[tool.ruff.lint]\nselect = [\"D103\"]\nignore = [\"D\"]\n"}})); // more specific
  CHECK(asked({{"pyproject.toml", "[tool.ruff.lint]\nselect = [\"DJ\", \"D2\"]\n"}}) == std::nullopt);
  // ruff.toml wins over pyproject.toml, as Ruff reads them.
  CHECK(asked({{"ruff.toml", "[lint]\nextend-select = [\"D1\"]\n"}}) == "ruff.toml (Ruff's D102/D103)");
  CHECK(asked({{"ruff.toml", "line-length = 100\n"}, {"pyproject.toml", "[tool.ruff.lint]\nselect = [\"D\"]\n"}}) ==
        std::nullopt);
  CHECK(asked({{"pyproject.toml", "[tool.ruff\nselect = [\"D\"]\n"}}) == std::nullopt); // not TOML: asks nothing
}

TEST_CASE("docstring requirement: pydocstyle and interrogate, configured or run by pre-commit") {
  CHECK(asked({{"setup.cfg", "[metadata]\nname = x\n\n[pydocstyle]\nconvention = numpy\n"}}) ==
        "setup.cfg [pydocstyle]");
  CHECK(asked({{"tox.ini", "[pydocstyle]\nadd-ignore = D102,D103\n"}}) == std::nullopt);
  CHECK(asked({{".pydocstyle", "[pydocstyle]\nselect = D2,D4\n"}}) == std::nullopt);
  CHECK(asked({{"pyproject.toml", "[tool.pydocstyle]\nignore = [\"D1\"]\n"}}) == std::nullopt);
  CHECK(asked({{"pyproject.toml", "[tool.pydocstyle]\nmatch = \".*\\\\.py\"\n"}}) ==
        "pyproject.toml [tool.pydocstyle]");
  CHECK(asked({{"pyproject.toml", "[tool.interrogate]\nfail-under = 80\n"}}) == "pyproject.toml [tool.interrogate]");
  CHECK(asked({{"setup.cfg", "[tool:interrogate]\nfail-under = 80\n"}}) == "setup.cfg [tool:interrogate]");
  const std::string hooks = "repos:\n- repo: https://github.com/PyCQA/pydocstyle\n  rev: 6.3.0\n  hooks:\n  - id: %s\n";
  auto pre_commit = [&](const std::string& id) {
    std::string text = hooks;
    text.replace(text.find("%s"), 2, id);
    return text;
  };
  CHECK(asked({{".pre-commit-config.yaml", pre_commit("pydocstyle")}}) == ".pre-commit-config.yaml's pydocstyle hook");
  CHECK(asked({{".pre-commit-config.yaml", pre_commit("interrogate")}}) ==
        ".pre-commit-config.yaml's interrogate hook");
  CHECK(asked({{".pre-commit-config.yaml", pre_commit("black")}}) == std::nullopt);
  // The hook runs pydocstyle with the project's settings, which may leave the functions out.
  CHECK(asked({{".pre-commit-config.yaml", pre_commit("pydocstyle")}, {"setup.cfg", "[pydocstyle]\nignore = D1\n"}}) ==
        std::nullopt);
  CHECK(asked({{".pre-commit-config.yaml", "repos: [\n"}}) == std::nullopt);
}

TEST_CASE("docstring requirement: Pylint checks missing-function-docstring unless something turns it off") {
  CHECK(pylint_checks("pylintrc", "[MAIN]\njobs = 2\n"));
  CHECK_FALSE(pylint_checks(".pylintrc", "[MESSAGES CONTROL]\ndisable = missing-function-docstring\n"));
  CHECK_FALSE(pylint_checks(".pylintrc", "[messages control]\ndisable =\n    C0114,\n    C0116,\n"));
  CHECK_FALSE(pylint_checks(".pylintrc", "[MESSAGES CONTROL]\ndisable=missing-docstring\n")); // the old C0111
  CHECK_FALSE(pylint_checks(".pylintrc", "[MESSAGES CONTROL]\ndisable=all\n"));
  CHECK(pylint_checks(".pylintrc", "[MESSAGES CONTROL]\ndisable=all\nenable=C0116\n"));
  CHECK(pylint_checks("pyproject.toml", "[tool.pylint.\"messages control\"]\ndisable = [\"C0114\"]\n"));
  CHECK_FALSE(pylint_checks("pyproject.toml", "[tool.pylint.messages_control]\ndisable = [\"C0116\"]\n"));
  CHECK_FALSE(pylint_checks("pyproject.toml", "[tool.pylint.main]\ndisable = \"C0115, C0116\"\n"));
  // setup.cfg: only the [pylint...] sections are Pylint's.
  CHECK(pylint_checks("setup.cfg", "[flake8]\ndisable = C0116\n\n[pylint.main]\njobs = 1\n"));
  CHECK_FALSE(pylint_checks("setup.cfg", "[pylint.messages_control]\ndisable = C0116\n"));
  // The configuration's own switches: conventions turned off (settle_config adds C), pylint.args.
  PylintConfig off;
  off.disable.push_back("C");
  CHECK_FALSE(pylint_checks("pylintrc", "", off));
  PylintConfig args;
  args.args = {"--disable=W0511,missing-function-docstring"};
  CHECK_FALSE(pylint_checks("pylintrc", "", args));
  CHECK(checks_function_docstrings(PylintConfig{}, std::nullopt));
}

TEST_CASE("configuration: intent.require_docstrings set is the project asking; auto leaves it to the project") {
  CHECK(parse_config("", "c.yml").intent.docstring_findings == std::nullopt);
  auto set = parse_config("intent:\n  require_docstrings: all\n", "c.yml").intent;
  CHECK(set.require_docstrings == DocstringPolicy::all);
  CHECK(set.docstring_findings == true);
  auto none = parse_config("intent:\n  require_docstrings: none\n", "c.yml").intent;
  CHECK(none.require_docstrings == DocstringPolicy::none);
  auto automatic = parse_config("intent:\n  require_docstrings: auto\n", "c.yml").intent;
  CHECK(automatic.require_docstrings == DocstringPolicy::public_units);
  CHECK(automatic.docstring_findings == std::nullopt);
  CHECK_THROWS_WITH(parse_config("intent:\n  require_docstrings: yes\n", "c.yml"),
                    "c.yml:2:23: 'intent.require_docstrings' must be one of all, auto, none, public, not 'yes'");
  CHECK(parse_config("", "c.yml").test_code.skip_low_severity);
  CHECK_FALSE(parse_config("test_code:\n  skip_low_severity: false\n", "c.yml").test_code.skip_low_severity);
}
