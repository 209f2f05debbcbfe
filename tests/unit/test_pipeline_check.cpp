// run_check end to end over a real git repository with the real Pylint and Bandit, and fakes for
// what the environment says (the CiContext read from a map, not the process environment).

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

#include "ci/ci_context.h"
#include "core/error.h"
#include "git/handles.h"
#include "git_fixture.h"
#include "pipeline/check.h"
#include "util/environment.h"
#include "util/files.h"
#include "util/json.h"
#include "util/log.h"
#include "util/temp_dir.h"

using namespace codegate;

namespace {

const char* k_shell = R"("""Shell helpers."""
import subprocess


def run(command):
    """Run a shell command and return its exit status."""
    return subprocess.call(command, shell=True)
)";

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
    return run_check(o, ci::read_ci_context(util::map_environment(std::move(env))));
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

TEST_CASE("run_check fails a change that adds a Bandit finding and says so in its report") {
  Change change;
  change.repo.write("lib/shell.py", k_shell);
  change.repo.commit("add shell helper");
  CHECK(change.run(change.options()) == ExitCode::failed);
  rapidjson::Document report = change.report();
  CHECK(report["failed"].GetBool());
  REQUIRE(report["checked_files"].Size() == 1);
  CHECK(std::string(report["checked_files"][0].GetString()) == "lib/shell.py");
  int failing_b602 = 0;
  for (const auto& f : report["findings"].GetArray()) {
    if (std::string(f["rule_id"].GetString()) == "B602" && f["fails_gate"].GetBool()) ++failing_b602;
  }
  CHECK(failing_b602 == 1);
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
  CHECK(text->find("codegate") != std::string::npos);
  // a and b are C0103 invalid-name, a convention the project (no Pylint configuration) never asked for.
  CHECK(text->rfind("<!-- codegate:summary -->\n## :white_check_mark: codegate: PASSED (0 findings reported)\n", 0) == 0);
  CHECK(text->find("- intent check skipped: turned off (--no-llm or intent.enabled: false)\n") != std::string::npos);
}

TEST_CASE("run_check: a base the repository does not have is a usage error") {
  Change change;
  CheckOptions o = change.options();
  o.base = "no-such-branch";
  CHECK_THROWS_AS(change.run(o), UsageError);
}
