#include <doctest/doctest.h>

#include "git/buffer_diff.h"
#include "git_fixture.h"
#include "refine/delivery.h"
#include "util/files.h"

using namespace codegate;

namespace {

const std::string k_original =
    "\"\"\"Shell helpers.\"\"\"\nimport subprocess\n\n\ndef run(command):\n    \"\"\"Run a command.\"\"\"\n"
    "    return subprocess.call(command, shell=True)\n";
const std::string k_revised =
    "\"\"\"Shell helpers.\"\"\"\nimport shlex\nimport subprocess\n\n\ndef run(command):\n    \"\"\"Run a "
    "command.\"\"\"\n"
    "    return subprocess.call(shlex.split(command))\n";

} // namespace

TEST_CASE("buffer hunks list the replaced and inserted lines") {
  auto hunks = git::diff_hunks(k_original, k_revised);
  REQUIRE(hunks.size() == 2);
  CHECK(hunks[0].old_lines == 0);
  CHECK(hunks[0].old_start == 1);
  CHECK(hunks[0].added == "import shlex\n");
  CHECK(hunks[1].old_start == 7);
  CHECK(hunks[1].old_lines == 1);
  CHECK(hunks[1].removed == "    return subprocess.call(command, shell=True)\n");
  CHECK(hunks[1].added == "    return subprocess.call(shlex.split(command))\n");
  CHECK(git::diff_hunks("same\n", "same\n").empty());
}

TEST_CASE("a candidate's changed lines are counted as the gate counts a commit's") {
  ChangedFile file = git::changed_file("lib/a.py", "lib/a.py", std::string("a\nb\nc\n"), "a\nB\nc\nd\n");
  CHECK(file.status == ChangeStatus::modified);
  CHECK(file.added_lines == std::set<int>{2, 4});
  CHECK(file.context_lines == std::set<int>{1, 2, 3, 4});
  ChangedFile added = git::changed_file("new.py", "", std::nullopt, "x\ny\n");
  CHECK(added.status == ChangeStatus::added);
  CHECK(added.added_lines == std::set<int>{1, 2});
}

TEST_CASE("the refine patch is accepted by git apply and reproduces the revisions") {
  test::GitFixture repo;
  repo.write("lib/shell.py", k_original);
  repo.write("other.py", "x = 1\n");
  repo.commit("base");

  std::vector<FileFix> fixes = {
      {"other.py", "x = 1\n", "x = 2\n", 2, {"fp2"}},
      {"lib/shell.py", k_original, k_revised, 1, {"fp1"}},
  };
  std::string patch = refine::patch_text(fixes);
  CHECK(patch.find("diff --git a/lib/shell.py b/lib/shell.py") < patch.find("diff --git a/other.py b/other.py"));
  CHECK(patch.find("+    return subprocess.call(shlex.split(command))") != std::string::npos);
  REQUIRE(util::write_file(repo.path() + "/../fix.patch", patch));
  repo.git({"apply", "--check", "../fix.patch"});
  repo.git({"apply", "../fix.patch"});
  CHECK(*util::read_file(repo.path() + "/lib/shell.py") == k_revised);
  CHECK(*util::read_file(repo.path() + "/other.py") == "x = 2\n");
}

TEST_CASE("a file without a final newline still yields a patch git applies") {
  test::GitFixture repo;
  repo.write("a.py", "x = 1\ny = 2");
  repo.commit("base");
  std::string patch = refine::patch_text({{"a.py", "x = 1\ny = 2", "x = 1\ny = 3", 1, {}}});
  REQUIRE(util::write_file(repo.path() + "/../nl.patch", patch));
  repo.git({"apply", "../nl.patch"});
  CHECK(*util::read_file(repo.path() + "/a.py") == "x = 1\ny = 3");
}

TEST_CASE("the fix commit message lists the fixed findings and ends in the trailer") {
  Finding f;
  f.tool = "bandit";
  f.rule_id = "B602";
  f.rule_name = "subprocess_popen_with_shell_equals_true";
  f.path = "lib/shell.py";
  f.line = 7;
  f.fingerprint = "fp1";
  f.fix_status = "fixed in round 1";
  Finding other = f;
  other.fingerprint = "fp-open";
  other.line = 9;
  std::string message = refine::fix_commit_message({{"lib/shell.py", k_original, k_revised, 1, {"fp1"}}}, {f, other});
  CHECK(message ==
        "codegate: fix 1 finding in lib/shell.py\n\n"
        "Revised by the codegate refine loop and verified with the same Pylint, Bandit and\n"
        "intent checks; every revision removes failing findings and adds none.\n\n"
        "- lib/shell.py:7 bandit B602 subprocess_popen_with_shell_equals_true (fixed in round 1)\n"
        "\nCodegate-Refined: true\n");
}
