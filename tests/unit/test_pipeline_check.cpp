// run_check end to end over a real git repository, with Pylint and Bandit played by FakeTools
// (their real command lines and JSON, the findings each test gives them) and what the environment
// says read from a map: the check, the baseline and the result cache without the tools installed.
// The real tools run in the integration suites.

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

#include "ci/ci_context.h"
#include "core/error.h"
#include "git/handles.h"
#include "git_fixture.h"
#include "pipeline/check.h"
#include "tool_fakes.h"
#include "util/environment.h"
#include "util/files.h"
#include "util/json.h"
#include "util/log.h"
#include "util/temp_dir.h"

using namespace codegate;
using codegate::testing::FakeTools;
using codegate::testing::ToolAnswer;

namespace {

const char* k_shell = R"("""Shell helpers."""
import subprocess


def run(command):
    """Run a shell command and return its exit status."""
    return subprocess.call(command, shell=True)
)";

// What Bandit says of k_shell's call, wherever it is.
ToolAnswer shell_call(const std::string& path) {
  return {path,   "shell=True",
          "B602", "subprocess_popen_with_shell_equals_true",
          "HIGH", "subprocess call with shell=True identified, security issue."};
}

const char* k_clean = R"("""Arithmetic."""


def add(a, b):
    """Return the sum of a and b."""
    return a + b
)";

// The reports run_check prints on stdout go to /dev/null while a test runs it.
class QuietStdout {
public:
  QuietStdout() : saved_(::dup(STDOUT_FILENO)) {
    std::fflush(stdout);
    int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::close(null);
  }
  ~QuietStdout() {
    std::fflush(stdout);
    ::dup2(saved_, STDOUT_FILENO);
    ::close(saved_);
  }
  QuietStdout(const QuietStdout&) = delete;
  QuietStdout& operator=(const QuietStdout&) = delete;

private:
  int saved_;
};

struct Change {
  git::Library libgit2;
  test::GitFixture repo;
  util::TempDir out{"codegate-check-test"};
  FakeTools tools;
  std::string base;

  Change() {
    repo.write("README.md", "project\n");
    base = repo.commit("base");
    repo.git({"checkout", "-q", "-b", "feature"});
  }

  CheckOptions options() const {
    CheckOptions o;
    o.repo = repo.path();
    o.base = "main";
    o.no_llm = true;
    o.json_file = out.path() + "/report.json";
    return o;
  }

  ExitCode run(const CheckOptions& o, std::map<std::string, std::string> env = {}) {
    util::set_verbosity(util::Verbosity::quiet);
    QuietStdout quiet;
    return run_check(o, ci::read_ci_context(util::map_environment(std::move(env))), tools);
  }

  rapidjson::Document report() const {
    auto text = util::read_file(out.path() + "/report.json");
    REQUIRE(text);
    rapidjson::Document doc = util::parse_json(*text);
    REQUIRE(doc.IsObject());
    return doc;
  }
};

} // namespace

TEST_CASE("run_check fails a change that adds a Bandit finding, giving each tool the changed file once") {
  Change change;
  change.repo.write("lib/shell.py", k_shell);
  change.repo.commit("add shell helper");
  change.tools.bandit = {shell_call("lib/shell.py")};
  CHECK(change.run(change.options()) == ExitCode::failed);
  rapidjson::Document report = change.report();
  CHECK(report["failed"].GetBool());
  REQUIRE(report["checked_files"].Size() == 1);
  CHECK(std::string(report["checked_files"][0].GetString()) == "lib/shell.py");
  REQUIRE(report["findings"].Size() == 1);
  const auto& finding = report["findings"][0];
  CHECK(std::string(finding["rule_id"].GetString()) == "B602");
  CHECK(std::string(finding["snippet"].GetString()) == "    return subprocess.call(command, shell=True)\n");
  CHECK(std::string(finding["unit"].GetString()) == "run");
  CHECK(finding["fails_gate"].GetBool());
  // The file is new: the base has nothing to compare, so no tool runs a second time.
  using Runs = std::vector<std::vector<std::string>>;
  CHECK(change.tools.runs("pylint") == Runs{{"lib/shell.py"}});
  CHECK(change.tools.runs("bandit") == Runs{{"lib/shell.py"}});
}

TEST_CASE("run_check passes a clean change, and a CI context makes it publish the job summary") {
  Change change;
  change.repo.write("lib/calc.py", k_clean);
  change.repo.commit("add calc");
  std::string summary = change.out.path() + "/summary.md";
  CHECK(change.run(change.options(), {{"GITHUB_ACTIONS", "true"}, {"GITHUB_STEP_SUMMARY", summary}}) == ExitCode::pass);
  CHECK_FALSE(change.report()["failed"].GetBool());
  auto text = util::read_file(summary);
  REQUIRE(text);
  CHECK(text->rfind("<!-- codegate:summary -->\n## :white_check_mark: codegate: PASSED (0 findings reported)\n", 0) ==
        0);
  CHECK(text->find("- intent check skipped: turned off (--no-llm or intent.enabled: false)\n") != std::string::npos);
}

TEST_CASE("run_check: a failing finding on an untouched line costs a base run of its file, by its tool only") {
  Change change;
  change.repo.write("lib/shell.py", k_shell);
  change.repo.git({"checkout", "-q", "main"});
  change.repo.commit("add shell helper on main");
  change.repo.git({"checkout", "-q", "feature"});
  change.repo.git({"merge", "-q", "main"});
  change.repo.write("lib/shell.py", std::string(k_shell) +
                                        "\n\ndef echo(text):\n    \"\"\"Evaluate text.\"\"\"\n    return eval(text)\n");
  change.repo.commit("add echo");
  change.tools.bandit = {shell_call("lib/shell.py")};
  change.tools.pylint = {{"lib/shell.py", "eval(text)", "W0123", "eval-used", "warning", "Use of eval"}};
  CHECK(change.run(change.options()) == ExitCode::pass);
  rapidjson::Document report = change.report();
  CHECK(report["summary"]["total"].GetInt() == 2);
  CHECK(report["summary"]["outside_diff"].GetInt() == 1);
  CHECK(report["summary"]["reported"].GetInt() == 1);
  CHECK(report["summary"]["failing"].GetInt() == 0); // a Pylint warning: pylint.fail_on is error, fatal
  // Bandit's finding sits on a line the change did not touch and would fail: only the base can say
  // whether the change caused it, so Bandit runs on the base's file too (which had it: it stays
  // outside). Pylint's is on an added line and the base file holds no such code: no base run.
  using Runs = std::vector<std::vector<std::string>>;
  CHECK(change.tools.runs("bandit") == Runs{{"lib/shell.py"}, {"lib/shell.py"}});
  CHECK(change.tools.runs("pylint") == Runs{{"lib/shell.py"}});
}

TEST_CASE("run_check: a finding on a moved line is matched in the base, which only Bandit analyses") {
  Change change;
  const std::string echo =
      "def echo(text):\n    \"\"\"Print text, then return it.\"\"\"\n    line = str(text)\n"
      "    print(line)\n    print()\n    return line\n";
  const std::string run =
      "def run(command):\n    \"\"\"Run a command.\"\"\"\n"
      "    return subprocess.call(command, shell=True)\n";
  const std::string header = "\"\"\"Shell helpers.\"\"\"\nimport subprocess\n\n\n";
  change.repo.write("lib/shell.py", header + run + "\n\n" + echo);
  change.repo.git({"checkout", "-q", "main"});
  change.repo.commit("add shell helpers on main");
  change.repo.git({"checkout", "-q", "feature"});
  change.repo.git({"merge", "-q", "main"});
  // run() moves below echo(): its lines are added lines of the diff, its call the base's finding.
  change.repo.write("lib/shell.py", header + echo + "\n\n" + run);
  change.repo.commit("move run down");
  change.tools.bandit = {shell_call("lib/shell.py")};
  CHECK(change.run(change.options()) == ExitCode::pass);
  rapidjson::Document report = change.report();
  CHECK(report["summary"]["in_base"].GetInt() == 1);
  CHECK(report["summary"]["failing"].GetInt() == 0);
  // The base's file holds the finding's code: Bandit analyses it; Pylint, with no finding, does not.
  using Runs = std::vector<std::vector<std::string>>;
  CHECK(change.tools.runs("bandit") == Runs{{"lib/shell.py"}, {"lib/shell.py"}});
  CHECK(change.tools.runs("pylint") == Runs{{"lib/shell.py"}});
}

TEST_CASE("run_check: a warm result cache starts no tool; a changed file is the only one analysed again") {
  Change change;
  change.repo.write("lib/shell.py", k_shell);
  change.repo.write("lib/calc.py", k_clean);
  change.repo.commit("add two modules");
  change.tools.bandit = {shell_call("lib/shell.py")};
  util::TempDir home("codegate-check-home");
  std::map<std::string, std::string> env = {{"HOME", home.path()}};
  CHECK(change.run(change.options(), env) == ExitCode::failed);
  std::string cold = util::read_file(change.out.path() + "/report.json").value();
  using Runs = std::vector<std::vector<std::string>>;
  CHECK(change.tools.runs("bandit") == Runs{{"lib/calc.py", "lib/shell.py"}});

  CHECK(change.run(change.options(), env) == ExitCode::failed);
  CHECK(change.tools.runs("bandit").size() == 1);
  CHECK(change.tools.runs("pylint").size() == 1);
  rapidjson::Document warm = change.report();
  CHECK(warm["findings"].Size() == 1);
  for (const auto& tool : warm["tools"].GetArray())
    if (std::string(tool["name"].GetString()) != "codegate-intent") CHECK(tool["cached_files"].GetInt() == 2);

  change.repo.write("lib/calc.py",
                    std::string(k_clean) + "\n\ndef sub(a, b):\n    \"\"\"Return a minus b.\"\"\"\n    return a - b\n");
  change.repo.commit("add sub");
  CHECK(change.run(change.options(), env) == ExitCode::failed);
  CHECK(change.tools.runs("bandit") == Runs{{"lib/calc.py", "lib/shell.py"}, {"lib/calc.py"}});
  CHECK(cold.find("\"cached_files\": 0") != std::string::npos);
}

TEST_CASE("run_check: a tool that cannot be started fails the run and says what to install") {
  Change change;
  change.repo.write("lib/calc.py", k_clean);
  change.repo.commit("add calc");
  change.tools.missing = {"bandit"};
  try {
    change.run(change.options());
    FAIL("run_check passed without Bandit");
  } catch (const ToolError& e) {
    CHECK(std::string(e.what()).find("apt-get install bandit") != std::string::npos);
  }
}

TEST_CASE("run_check: a base the repository does not have is a usage error") {
  Change change;
  CheckOptions o = change.options();
  o.base = "no-such-branch";
  CHECK_THROWS_AS(change.run(o), UsageError);
  CHECK(change.tools.runs("pylint").empty());
}
