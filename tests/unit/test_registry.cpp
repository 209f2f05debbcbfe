#include <doctest/doctest.h>

#include <set>
#include <string>

#include "config/config.h"
#include "core/change_set.h"
#include "core/check_result.h"
#include "core/error.h"
#include "core/policies.h"
#include "files_snapshot.h"
#include "git/snapshot.h"
#include "registry/registry.h"

using namespace codegate;

namespace {
Finding finding(const std::string& tool, const std::string& rule_id) {
  Finding f;
  f.tool = tool;
  f.rule_id = rule_id;
  return f;
}
} // namespace

TEST_CASE("the registry lists Pylint, Bandit, Pyflakes and the intent check in the reports' order, each name once") {
  std::vector<std::string> names;
  for (const Analyzer* analyzer : analyzers()) names.emplace_back(analyzer->name());
  CHECK(names == std::vector<std::string>{"pylint", "bandit", "pyflakes", "codegate-intent"});
  CHECK(analyzer_named("pyflakes")->opt_in()); // the others run, or say they were skipped, in every report
  CHECK_FALSE(analyzer_named("pylint")->opt_in());
  for (const auto& name : names) CHECK(analyzer_named(name)->name() == name);
  CHECK(analyzer_named("codegate") == nullptr);
}

TEST_CASE("each finding belongs to the analyzer that produced it; codegate's own checks to none") {
  CHECK(analyzer_for(finding("pylint", "E0602"))->name() == "pylint");
  CHECK(analyzer_for(finding("bandit", "B602"))->name() == "bandit");
  CHECK(analyzer_for(finding("codegate", "intent-mismatch"))->name() == "codegate-intent");
  CHECK(analyzer_for(finding("codegate", "missing-docstring"))->name() == "codegate-intent");
  CHECK(analyzer_for(finding("codegate", "not-analysed")) == nullptr);
  CHECK(analyzer_for(finding("pyflakes", "F401"))->name() == "pyflakes");
  CHECK(analyzer_for(finding("ruff", "F401")) == nullptr);
}

TEST_CASE("only tool analyzers take part in the baseline, and only Bandit is a SAST scanner") {
  CHECK(analyzer_named("pylint")->in_baseline());
  CHECK(analyzer_named("bandit")->in_baseline());
  CHECK_FALSE(analyzer_named("codegate-intent")->in_baseline());
  CHECK(analyzer_named("bandit")->sast_scanner()->id == "bandit");
  CHECK_FALSE(analyzer_named("pylint")->sast_scanner());
  // Pylint always gets an rcfile: an empty one when the project has none.
  auto rc = analyzer_named("pylint")->config_file(std::nullopt);
  REQUIRE(rc);
  CHECK(rc->name == "pylintrc");
  CHECK(rc->content.empty());
  CHECK_FALSE(analyzer_named("bandit")->config_file(std::nullopt));
}

TEST_CASE("every choice has one name table that round-trips") {
  for (const auto& name : fix_mode_names()) CHECK(to_string(*parse_fix_mode(name)) == name);
  for (const auto& name : docstring_policy_names()) CHECK(to_string(*parse_docstring_policy(name)) == name);
  for (const auto& name : intent_fail_on_names()) CHECK(to_string(*parse_intent_fail_on(name)) == name);
  for (const auto& name : report_format_names()) CHECK(to_string(*parse_report_format(name)) == name);
  CHECK(report_format_names() == std::vector<std::string>{"text", "json", "sarif", "markdown", "rdjson"});
  CHECK(fix_mode_names() == std::vector<std::string>{"none", "patch", "apply", "commit", "push", "suggest"});
  CHECK(docstring_policy_names() == std::vector<std::string>{"public", "all", "none"});
  CHECK(to_string(ToolStatus::not_run).empty());
  CHECK(parse_tool_status("unavailable") == ToolStatus::unavailable);
  CHECK_FALSE(parse_fix_mode("Patch"));
}

TEST_CASE("each analyzer says whether and how its results are cached") {
  Config config;
  std::string root = "/work";
  std::vector<std::string> files = {"a.py"};
  std::map<std::string, std::string> sources;
  ChangeSet changes;
  auto job = [&](std::vector<std::string> only_rules) {
    return AnalyzerJob{.root = root,
                       .files = files,
                       .sources = sources,
                       .changes = changes,
                       .config = config,
                       .processes = util::system_process_runner(),
                       .only_rules = std::move(only_rules)};
  };
  const Analyzer& pylint = *analyzer_named("pylint");
  const Analyzer& bandit = *analyzer_named("bandit");
  const Analyzer& intent = *analyzer_named("codegate-intent");

  // Pylint: its arguments and disabled messages are part of the key, and what a file imports.
  config.pylint.args = {"--max-line-length=100"};
  auto policy = pylint.cache_policy(job({}));
  REQUIRE(policy);
  CHECK(policy->configuration == std::vector<std::string>{"--max-line-length=100",
                                                          "import-error,duplicate-code,cyclic-import",
                                                          "blinding pragmas blanked"});
  CHECK(policy->imports_matter);
  CHECK(policy->timeout_seconds == config.pylint.timeout_seconds);
  // ... but not while a check that compares files with each other can run.
  CHECK_FALSE(pylint.cache_policy(job({"R0401"})));
  CHECK(pylint.cache_policy(job({"E0602"})));
  config.pylint.disable = {"import-error"};
  CHECK_FALSE(pylint.cache_policy(job({})));
  config.pylint.disable = {"import-error", "duplicate-code", "cyclic-import"};
  config.pylint.args = {"--enable=duplicate-code"};
  CHECK_FALSE(pylint.cache_policy(job({})));

  // Bandit: one file at a time, so its bytes alone.
  auto bandit_policy = bandit.cache_policy(job({}));
  REQUIRE(bandit_policy);
  CHECK_FALSE(bandit_policy->imports_matter);
  // The intent check's verdicts have their own cache.
  CHECK_FALSE(intent.cache_policy(job({})));
}

using codegate::testing::FilesSnapshot;

TEST_CASE("each analyzer finds its own configuration file where its tool would") {
  const Analyzer& pylint = *analyzer_named("pylint");
  const Analyzer& bandit = *analyzer_named("bandit");
  Config config;
  // Pylint's search order: pylintrc before a pyproject.toml with a [tool.pylint...] table.
  FilesSnapshot both({{"pyproject.toml", "[tool.pylint.format]\nmax-line-length = 100\n[tool.bandit]\nskips = []\n"},
                      {"pylintrc", "[MAIN]\n"}});
  auto rc = pylint.find_config_file(both, config);
  REQUIRE(rc);
  CHECK(rc->name == "pylintrc");
  CHECK(rc->origin == "commit abc1234:pylintrc");
  auto toml = bandit.find_config_file(both, config);
  REQUIRE(toml);
  CHECK(toml->name == "pyproject.toml");
  FilesSnapshot setup_only({{"setup.cfg", "[flake8]\n"}, {"tox.ini", "[pylint]\n"}});
  CHECK(pylint.find_config_file(setup_only, config)->name == "tox.ini");
  CHECK_FALSE(bandit.find_config_file(setup_only, config));
  CHECK_FALSE(analyzer_named("codegate-intent")->find_config_file(both, config));

  // A file the configuration names must exist.
  config.pylint.rcfile = "ci/pylintrc";
  try {
    pylint.find_config_file(both, config);
    FAIL("no error");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()) ==
          "pylint.rcfile names 'ci/pylintrc', which is not a file in commit abc1234; fix the path or remove the key");
  }

  // Without a Pylint configuration of the project's own, conventions, refactoring advice and TODO
  // reminders stay off.
  Config settled;
  pylint.settle_config(settled, std::nullopt);
  CHECK(settled.pylint.disable ==
        std::vector<std::string>{"import-error", "duplicate-code", "cyclic-import", "C", "R", "fixme"});
  Config with_rc;
  pylint.settle_config(with_rc, rc);
  CHECK(with_rc.pylint.disable == std::vector<std::string>{"import-error", "duplicate-code", "cyclic-import"});
}
