#include <doctest/doctest.h>

#include "config/pyproject.h"
#include "core/error.h"

using namespace codegate;

namespace {
std::string error_of(const std::string& toml) {
  try {
    parse_pyproject_config(toml, "pyproject.toml");
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}
} // namespace

TEST_CASE("a pyproject.toml without [tool.codegate] configures nothing") {
  CHECK_FALSE(parse_pyproject_config("[project]\nname = \"app\"\n\n[tool.pylint.main]\njobs = 2\n", "pyproject.toml"));
  CHECK_FALSE(parse_pyproject_config("", "pyproject.toml"));
  CHECK_FALSE(mentions_codegate_table("[project]\nname = \"app\"\n"));
  CHECK(mentions_codegate_table("[tool.codegate]\njobs = 2\n"));
}

TEST_CASE("[tool.codegate] takes the keys of .codegate.yml, tables, dotted keys and inline tables alike") {
  auto config = parse_pyproject_config(R"([project]
name = "app"

[tool.codegate]
include = ["src/**/*.py", "tools/*.py"]
exclude = "tests/**"
jobs = 3
filter_mode = "diff_context"
fail_level = "warning"
bandit = { severity = "high", timeout = 30.5 }
llm.budget.calls = 7

[tool.codegate.pylint]
fail_on = ["error", "warning"]
disable = []
enabled = true

[tool.codegate.refine]
max_growth = 3
author_name = "Bot \"quoted\" \u00e9"

[tool.black]
line-length = 100
)",
                                       "pyproject.toml");
  REQUIRE(config);
  CHECK(config->include == std::vector<std::string>{"src/**/*.py", "tools/*.py"});
  CHECK(config->exclude == std::vector<std::string>{"tests/**"});
  CHECK(config->jobs == 3);
  CHECK(config->filter_mode == FilterMode::diff_context);
  CHECK(config->fail_level == Level::warning);
  CHECK(config->bandit.severity == "high");
  CHECK(config->bandit.timeout_seconds == doctest::Approx(30.5));
  CHECK(config->llm.budget_calls == 7);
  CHECK(config->pylint.fail_on == std::vector<std::string>{"error", "warning"});
  CHECK(config->pylint.disable.empty());
  CHECK(config->pylint.enabled);
  CHECK(config->refine.max_growth == doctest::Approx(3));
  CHECK(config->refine.author_name == "Bot \"quoted\" \xC3\xA9");
  CHECK(config->source == "pyproject.toml");
}

TEST_CASE("errors name pyproject.toml, the line and column of the value or key, and the key") {
  CHECK(error_of("[tool.codegate]\njobs = \"many\"\n") == "pyproject.toml:2:8: 'jobs' must be a whole number");
  CHECK(error_of("[tool.codegate]\njobs = 2.5\n") == "pyproject.toml:2:8: 'jobs' must be a whole number");
  CHECK(error_of("[tool]\n\n[tool.codegate.pylint]\nenabled = true\n  fail_onn = [\"error\"]\n") ==
        "pyproject.toml:5:3: unknown key 'fail_onn' in 'pylint' (known keys: args, conventions, disable, enabled, fail_on, "
        "rcfile, timeout)");
  CHECK(error_of("[tool.codegate.bandit]\nseverity = \"severe\"\n") ==
        "pyproject.toml:2:12: 'bandit.severity' must be one of high, low, medium, not 'severe'");
  CHECK(error_of("[tool.codegate]\npylint = [1, 2]\n") == "pyproject.toml:2:10: 'pylint' must be a mapping");
  CHECK(error_of("[tool.codegate]\nrefine.max_rounds = 11\n") ==
        "pyproject.toml:2:21: 'refine.max_rounds' must be between 1 and 10");
  CHECK(error_of("[tool.codegate]\npylint.fail_on = [\"error\",\n  \"loud\"]\n") ==
        "pyproject.toml:2:18: 'pylint.fail_on' takes Pylint message types (fatal, error, warning, refactor, "
        "convention, info), not 'loud'");
  CHECK(error_of("[tool.codegate.llm]\ntimeout = nan\n") ==
        "pyproject.toml:2:11: 'llm.timeout' must be between 0.1 and 3600");
  CHECK(error_of("[tool.codegate]\nintent = { enabled = 1979-05-27 }\n") ==
        "pyproject.toml:2:22: 'intent.enabled' must be true or false");
  CHECK(error_of("[tool]\ncodegate = 3\n") == "pyproject.toml:2:12: 'tool.codegate' must be a table");
}

TEST_CASE("invalid TOML is an error with its position") {
  CHECK(error_of("[tool.codegate]\njobs = \n").rfind("pyproject.toml:2:", 0) == 0);
  CHECK(error_of("[tool.codegate]\njobs = 1\njobs = 2\n").rfind("pyproject.toml:3:", 0) == 0);
  CHECK(error_of("[tool.codegate]\njobs = 1\njobs = 2\n").find("invalid TOML") != std::string::npos);
}

TEST_CASE("any TOML value where codegate expects another is a UsageError, never another exception") {
  for (const char* text : {
           "[tool.codegate]\nrefine.tools = [[1], {a = 2}]\n",
           "[tool.codegate]\n\"<<\" = { jobs = 1 }\n",
           "[[tool.codegate]]\njobs = 1\n",
           "[tool.codegate]\nllm = {}\nhttp = { max_response_bytes = 9223372036854775807 }\n",
           "[tool.codegate]\n\"key with \\\"quotes\\\" and : colon\" = 1\n",
       }) {
    CAPTURE(text);
    CHECK_THROWS_AS(parse_pyproject_config(text, "pyproject.toml"), UsageError);
  }
  auto config = parse_pyproject_config("[tool.codegate]\ninclude = []\nexclude = [\"\\u0000\\n\\\"\\\\\"]\nllm = {}\n",
                                       "pyproject.toml");
  // Any string is a glob: escapes arrive as the characters they stand for.
  REQUIRE(config);
  CHECK(config->include.empty());
  CHECK(config->exclude == std::vector<std::string>{std::string("\0\n\"\\", 4)});
}
