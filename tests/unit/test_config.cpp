#include <doctest/doctest.h>

#include "config/config.h"
#include "core/error.h"

using namespace codegate;

namespace {
std::string error_of(const std::string& yaml) {
  try {
    parse_config(yaml, ".codegate.yml");
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}
} // namespace

TEST_CASE("an empty file gives the defaults") {
  Config config = parse_config("", ".codegate.yml");
  CHECK(config.include == std::vector<std::string>{"**/*.py"});
  CHECK(config.pylint.fail_on == std::vector<std::string>{"error", "fatal"});
  CHECK(config.bandit.severity == "medium");
  CHECK(config.filter_mode == FilterMode::added);
  CHECK_FALSE(config.fail_level);
  CHECK(config.http.max_response_bytes == 8 * 1024 * 1024);
}

TEST_CASE("every section is read") {
  Config config = parse_config(R"(
include: ["src/**/*.py"]
exclude: migrations/**
jobs: 3
filter_mode: diff_context
fail_level: warning
pylint: {fail_on: [error], args: ["--max-line-length=120"], disable: []}
bandit: {severity: high, confidence: low}
llm: {provider: anthropic, model: m, timeout: 5, budget: {calls: 7}}
intent: {fail_on: inconsistent, require_docstrings: all}
refine: {fix: patch, max_rounds: 5}
http: {max_response_bytes: 65536}
)",
                               "c.yml");
  CHECK(config.include == std::vector<std::string>{"src/**/*.py"});
  CHECK(config.exclude == std::vector<std::string>{"migrations/**"});
  CHECK(config.jobs == 3);
  CHECK(config.filter_mode == FilterMode::diff_context);
  CHECK(config.fail_level == Level::warning);
  CHECK(config.pylint.args == std::vector<std::string>{"--max-line-length=120"});
  CHECK(config.pylint.disable.empty());
  CHECK(config.bandit.severity == "high");
  CHECK(config.llm.provider == LlmProvider::anthropic);
  CHECK(config.llm.budget_calls == 7);
  CHECK(config.intent.fail_on == IntentFailOn::inconsistent);
  CHECK(config.refine.max_rounds == 5);
  CHECK(config.http.max_response_bytes == 65536);
}

TEST_CASE("errors name the file, line and column") {
  CHECK(error_of("pylint:\n  fail_onn: [error]\n") ==
        ".codegate.yml:2:3: unknown key 'fail_onn' in 'pylint' (known keys: args, conventions, disable, enabled, "
        "fail_on, "
        "rcfile, timeout)");
  CHECK(error_of("jobs: many\n") == ".codegate.yml:1:7: 'jobs' must be a whole number");
  CHECK(error_of("bandit:\n  severity: severe\n") ==
        ".codegate.yml:2:13: 'bandit.severity' must be one of high, low, medium, not 'severe'");
  CHECK(error_of("pylint: [1, 2]\n") == ".codegate.yml:1:9: 'pylint' must be a mapping");
  CHECK(error_of("refine:\n  max_rounds: 11\n") == ".codegate.yml:2:15: 'refine.max_rounds' must be between 1 and 10");
  CHECK(error_of("http:\n  max_response_bytes: 10\n") ==
        ".codegate.yml:2:23: 'http.max_response_bytes' must be between 1024 and 1073741824");
}

TEST_CASE("a key that is not a name and a number that is NaN are errors, not yaml-cpp exceptions") {
  CHECK(error_of("? [a, b]\n: 1\n") == ".codegate.yml:1:3: the top level has a key that is not a name");
  CHECK(error_of("llm: {timeout: .nan}\n") == ".codegate.yml:1:16: 'llm.timeout' must be between 0.1 and 3600");
}

TEST_CASE("a key given twice is an error naming both places, at any depth, never the last one winning") {
  CHECK(error_of("fail_level: error\nfail_level: none\n") ==
        ".codegate.yml:2:1: 'fail_level' is given twice, here and at .codegate.yml:1:1; keep one");
  CHECK(error_of("bandit: {severity: high}\njobs: 2\nbandit: {severity: low}\n") ==
        ".codegate.yml:3:1: 'bandit' is given twice, here and at .codegate.yml:1:1; keep one");
  CHECK(error_of("roles:\n  test: [a]\n  test: [b]\nanalyzers:\n  pyflakes: {}\n  pyflakes: {enabled: true}\n") ==
        ".codegate.yml:3:3: 'test' is given twice, here and at .codegate.yml:2:3; keep one\n"
        ".codegate.yml:6:3: 'pyflakes' is given twice, here and at .codegate.yml:5:3; keep one");
  CHECK(error_of("fail_level: error\nFail_level: none\n").find("given twice") == std::string::npos);
}

TEST_CASE("invalid YAML is an error with its position") {
  CHECK(error_of("include: [a, b\n").rfind(".codegate.yml:2:1: invalid YAML: ", 0) == 0);
}

TEST_CASE("fail level none turns finding failures off") {
  Config config;
  apply_fail_level(config, "none");
  CHECK(config.fail_level_none);
  CHECK_THROWS_AS(apply_fail_level(config, "fatal"), UsageError);
}

TEST_CASE("tool time limits and Bandit's scan errors") {
  Config defaults = parse_config("", ".codegate.yml");
  CHECK(defaults.pylint.timeout_seconds == 600);
  CHECK(defaults.bandit.timeout_seconds == 600);
  CHECK_FALSE(defaults.bandit.accept_scan_errors);
  Config config =
      parse_config("pylint:\n  timeout: 90\nbandit:\n  timeout: 1.5\n  accept_scan_errors: true\n", ".codegate.yml");
  CHECK(config.pylint.timeout_seconds == 90);
  CHECK(config.bandit.timeout_seconds == 1.5);
  CHECK(config.bandit.accept_scan_errors);
  CHECK(error_of("pylint:\n  timeout: 0\n") == ".codegate.yml:2:12: 'pylint.timeout' must be between 1 and 86400");
}

TEST_CASE("intent.context is unit by default, unit+base when asked, and nothing else") {
  CHECK(parse_config("", ".codegate.yml").intent.context == IntentContext::unit);
  CHECK(parse_config("intent: {context: unit+base}\n", ".codegate.yml").intent.context == IntentContext::unit_and_base);
  CHECK(error_of("intent:\n  context: base\n") ==
        ".codegate.yml:2:12: 'intent.context' must be one of unit, unit+base, not 'base'");
  CHECK(to_string(IntentContext::unit_and_base) == "unit+base");
  CHECK(intent_context_names() == std::vector<std::string>{"unit", "unit+base"});
}

TEST_CASE("cache.enabled") {
  CHECK(parse_config("", ".codegate.yml").cache.enabled);
  CHECK_FALSE(parse_config("cache:\n  enabled: false\n", ".codegate.yml").cache.enabled);
  CHECK(error_of("cache:\n  enabled: sometimes\n").find(".codegate.yml:2:12: 'cache.enabled' must be") == 0);
  CHECK(error_of("cache:\n  dir: x\n") == ".codegate.yml:2:3: unknown key 'dir' in 'cache' (known keys: enabled)");
}

TEST_CASE("every error in the file is reported in one run, each at its line and column") {
  CHECK(error_of("jobs: many\nfilter_mode: everything\npylint:\n  fail_onn: [error]\n  timeout: 0\nbogus: 1\n") ==
        ".codegate.yml:1:7: 'jobs' must be a whole number\n"
        ".codegate.yml:2:14: 'filter_mode' must be one of added, diff_context, file, nofilter, not 'everything'\n"
        ".codegate.yml:4:3: unknown key 'fail_onn' in 'pylint' (known keys: args, conventions, disable, enabled, "
        "fail_on, rcfile, timeout)\n"
        ".codegate.yml:5:12: 'pylint.timeout' must be between 1 and 86400\n"
        ".codegate.yml:6:1: unknown key 'bogus' in the top level (known keys: analyzers, bandit, baseline, cache, "
        "comment_level, "
        "exclude, fail_level, filter_mode, http, include, intent, jobs, llm, pylint, refine, roles, suppressions, "
        "test_code)");
}
