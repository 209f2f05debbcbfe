#include <doctest/doctest.h>

#include <filesystem>

#include "ci/push_target.h"
#include "core/error.h"
#include "git/commit.h"
#include "git/push.h"
#include "git_fixture.h"
#include "refine/delivery.h"
#include "util/environment.h"
#include "util/files.h"
#include "util/temp_dir.h"

using namespace codegate;

namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// A repository on branch `feature` with a bare `origin` that has the same branch.
struct PushFixture {
  test::GitFixture work;
  util::TempDir bare_dir{"codegate-bare"};
  std::string base;
  std::string head;

  PushFixture() {
    util::run_process({"git", "init", "-q", "--bare", bare_dir.path()});
    work.write("lib/shell.py", "import subprocess\n\n\ndef run(c):\n    return subprocess.call(c, shell=True)\n");
    work.write("run.sh", "#!/bin/sh\n");
    std::filesystem::permissions(work.path() + "/run.sh", std::filesystem::perms::owner_exec,
                                 std::filesystem::perm_options::add);
    base = work.commit("base");
    work.git({"checkout", "-q", "-b", "feature"});
    work.write("lib/shell.py",
               "import subprocess\n\n\ndef run(c):\n    return subprocess.call(c, shell=True)\n# more\n");
    head = work.commit("feature work");
    work.git({"remote", "add", "origin", bare_dir.path()});
    work.git({"push", "-q", "origin", "main", "feature"});
  }
  std::string bare(std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "--git-dir", bare_dir.path()});
    auto r = util::run_process(args);
    REQUIRE(r);
    return trimmed(r->out);
  }
};

} // namespace

TEST_CASE("trailers are read the way git interpret-trailers reads them") {
  CHECK(git::has_trailer("fix things\n\nbody\n\nCodegate-Refined: true\n", "Codegate-Refined"));
  CHECK(git::has_trailer("fix\n\nSigned-off-by: a <a@b>\ncodegate-refined: true\n", "Codegate-Refined"));
  CHECK_FALSE(
      git::has_trailer("fix\n\nCodegate-Refined: true is mentioned here in prose.\nMore prose.\n", "Codegate-Refined"));
  CHECK_FALSE(git::has_trailer("Codegate-Refined: true\n", "Codegate-Refined")); // a subject is not a trailer
}

TEST_CASE("a commit replaces only the given files, keeps their mode, and moves the branch by compare and swap") {
  test::GitFixture repo;
  repo.write("a.py", "x = 1\n");
  repo.write("tool.py", "#!/usr/bin/env python3\n");
  std::filesystem::permissions(repo.path() + "/tool.py", std::filesystem::perms::owner_exec,
                               std::filesystem::perm_options::add);
  repo.write("keep.txt", "keep\n");
  std::string head = repo.commit("base");
  repo.write("dirty.txt", "untracked\n");

  auto r = git::Repository::open(repo.path());
  git::CommitSpec spec{head,
                       {{"a.py", "x = 2\n"}, {"tool.py", "#!/usr/bin/env python3\nprint()\n"}, {"new/b.py", "y\n"}},
                       "codegate",
                       "codegate@users.noreply.github.com",
                       "codegate: fix\n\nCodegate-Refined: true\n"};
  std::string sha = git::create_commit(r, spec);
  CHECK(sha.size() == 40);
  CHECK(trimmed(repo.git({"rev-parse", sha + "^"})) == head);
  CHECK(repo.git({"show", sha + ":a.py"}) == "x = 2\n");
  CHECK(repo.git({"show", sha + ":keep.txt"}) == "keep\n");
  CHECK(repo.git({"show", sha + ":new/b.py"}) == "y\n");
  CHECK(repo.git({"ls-tree", sha, "tool.py"}).rfind("100755", 0) == 0);
  CHECK(trimmed(repo.git({"log", "-1", "--format=%an <%ae>|%cn", sha})) ==
        "codegate <codegate@users.noreply.github.com>|codegate");
  CHECK(git::has_trailer(git::commit_message(r, sha), "Codegate-Refined"));
  // Nothing moved yet.
  CHECK(trimmed(repo.git({"rev-parse", "HEAD"})) == head);

  CHECK_FALSE(git::move_reference(r, "refs/heads/main", sha, sha, "wrong expectation"));
  CHECK(git::move_reference(r, "refs/heads/main", head, sha, "codegate: refine"));
  CHECK(trimmed(repo.git({"rev-parse", "main"})) == sha);
  CHECK_FALSE(git::move_reference(r, "refs/heads/absent", head, sha, "no such branch"));
}

TEST_CASE("head state and uncommitted paths") {
  test::GitFixture repo;
  repo.write("a.py", "x = 1\n");
  repo.write("b.py", "y = 1\n");
  std::string head = repo.commit("base");
  auto r = git::Repository::open(repo.path());
  git::HeadState state = git::head_state(r);
  CHECK(state.branch == "refs/heads/main");
  CHECK(state.sha == head);
  CHECK_FALSE(state.detached);

  repo.write("a.py", "x = 2\n");
  CHECK(git::uncommitted_paths(r, {"a.py", "b.py"}) == std::vector<std::string>{"a.py"});
  repo.git({"add", "a.py"});
  CHECK(git::uncommitted_paths(r, {"a.py", "b.py"}) == std::vector<std::string>{"a.py"});

  repo.git({"checkout", "-q", "--detach", head});
  // The staged change travels with the checkout.
  state = git::head_state(r);
  CHECK(state.detached);
  CHECK(state.branch.empty());
}

TEST_CASE("push: the commit reaches the remote branch when it still points at the analysed head") {
  PushFixture fx;
  auto r = git::Repository::open(fx.work.path());
  std::string sha =
      git::create_commit(r, {fx.head, {{"lib/shell.py", "fixed\n"}}, "codegate", "c@example.com", "fix\n"});
  git::PushOutcome outcome = git::push_commit(r, {"origin", sha, "feature", fx.head, std::nullopt});
  CHECK(outcome.status == git::PushStatus::pushed);
  CHECK(outcome.message == "pushed " + sha.substr(0, 7) + " to origin/feature");
  CHECK(fx.bare({"rev-parse", "feature"}) == sha);
}

TEST_CASE("push: a moved remote branch stops the push, and nothing is forced") {
  PushFixture fx;
  // Somebody else pushes to the branch after the analysis.
  test::GitFixture other;
  other.git({"fetch", "-q", fx.bare_dir.path(), "feature"});
  other.git({"checkout", "-q", "-b", "feature", "FETCH_HEAD"});
  other.write("x.py", "x = 1\n");
  std::string theirs = other.commit("their change");
  other.git({"push", "-q", fx.bare_dir.path(), "feature"});

  auto r = git::Repository::open(fx.work.path());
  std::string sha =
      git::create_commit(r, {fx.head, {{"lib/shell.py", "fixed\n"}}, "codegate", "c@example.com", "fix\n"});
  git::PushOutcome outcome = git::push_commit(r, {"origin", sha, "feature", fx.head, std::nullopt});
  CHECK(outcome.status == git::PushStatus::remote_moved);
  CHECK(outcome.message ==
        "origin/feature points at " + theirs.substr(0, 7) + ", not at the analysed commit " + fx.head.substr(0, 7) +
            ": the branch has moved since the analysis; nothing was pushed (codegate never force-pushes)");
  CHECK(fx.bare({"rev-parse", "feature"}) == theirs);

  git::PushOutcome missing = git::push_commit(r, {"origin", sha, "gone", fx.head, std::nullopt});
  CHECK(missing.status == git::PushStatus::remote_moved);
  CHECK(missing.message.find("does not exist on origin") != std::string::npos);

  git::PushOutcome bad = git::push_commit(r, {"origin", sha, "bad..name", fx.head, std::nullopt});
  CHECK(bad.status == git::PushStatus::failed);
  CHECK(bad.message == "'bad..name' is not a valid branch name");
}

TEST_CASE("display_url drops credentials") {
  CHECK(git::display_url("https://x-access-token:secret@github.com/o/r.git") == "https://github.com/o/r.git");
  CHECK(git::display_url("https://github.com/o/r.git") == "https://github.com/o/r.git");
  CHECK(git::display_url("/srv/git/r.git") == "/srv/git/r.git");
}

TEST_CASE("deliver commit: on the checked-out branch, working tree and index follow") {
  PushFixture fx;
  auto r = git::Repository::open(fx.work.path());
  ChangeSet changes;
  changes.base_sha = fx.base;
  changes.head_sha = fx.head;
  RefineConfig config;
  Finding f;
  f.tool = "bandit";
  f.rule_id = "B602";
  f.path = "lib/shell.py";
  f.line = 5;
  f.fingerprint = "fp";
  f.fix_status = "fixed in round 1";
  std::vector<Finding> findings = {f};
  std::string original = *util::read_file(fx.work.path() + "/lib/shell.py");
  std::vector<FileFix> fixes = {{"lib/shell.py", original, "fixed = True\n", 1, {"fp"}}};
  refine::DeliveryInput input{
      r,
      changes,
      config,
      findings,
      ci::push_target(ci::push_target_from_environment(util::map_environment({}), std::nullopt), git::head_state(r)),
      fx.work.path() + "/../p.patch"};

  refine::DeliveryOutcome out = refine::deliver(fixes, FixMode::push, input);
  CHECK(out.mode == FixMode::push);
  std::string head = trimmed(fx.work.git({"rev-parse", "HEAD"}));
  CHECK(head == out.commit_sha);
  CHECK(fx.bare({"rev-parse", "feature"}) == head);
  CHECK(trimmed(fx.work.git({"status", "--porcelain"})).empty());
  CHECK(*util::read_file(fx.work.path() + "/lib/shell.py") == "fixed = True\n");
  CHECK(fx.work.git({"log", "-1", "--format=%B"}).find("Codegate-Refined: true") != std::string::npos);
  REQUIRE(out.notes.size() == 2);
  CHECK(out.notes[1] ==
        "refine: pushed " + head.substr(0, 7) + " to origin/feature (branch from the checked-out branch)");
}

TEST_CASE("deliver: commit falls back to a patch for a dirty file; apply refuses it") {
  PushFixture fx;
  auto r = git::Repository::open(fx.work.path());
  ChangeSet changes;
  changes.base_sha = fx.base;
  changes.head_sha = fx.head;
  RefineConfig config;
  std::vector<Finding> findings;
  std::string original = *util::read_file(fx.work.path() + "/lib/shell.py");
  std::vector<FileFix> fixes = {{"lib/shell.py", original, "fixed = True\n", 1, {}}};
  std::string patch = fx.work.path() + "/../dirty.patch";
  refine::DeliveryInput input{r, changes, config, findings, std::nullopt, patch};

  fx.work.write("lib/shell.py", original + "# my local edit\n");
  refine::DeliveryOutcome committed = refine::deliver(fixes, FixMode::commit, input);
  CHECK(committed.mode == FixMode::patch);
  CHECK(committed.notes[0] ==
        "refine: no commit made: lib/shell.py has uncommitted changes; commit or stash them first; "
        "writing a patch instead");
  CHECK(trimmed(fx.work.git({"rev-parse", "HEAD"})) == fx.head);
  CHECK(std::filesystem::exists(patch));

  refine::DeliveryOutcome applied = refine::deliver(fixes, FixMode::apply, input);
  CHECK(applied.applied.empty());
  CHECK(applied.refused == std::vector<std::string>{"lib/shell.py: it has uncommitted changes"});
  CHECK(*util::read_file(fx.work.path() + "/lib/shell.py") == original + "# my local edit\n");

  fx.work.write("lib/shell.py", original);
  refine::DeliveryOutcome clean = refine::deliver(fixes, FixMode::apply, input);
  CHECK(clean.applied == std::vector<std::string>{"lib/shell.py"});
  CHECK(*util::read_file(fx.work.path() + "/lib/shell.py") == "fixed = True\n");
  CHECK(trimmed(fx.work.git({"rev-parse", "HEAD"})) == fx.head);
}

TEST_CASE("deliver push falls back to suggestions when the push cannot happen") {
  PushFixture fx;
  auto r = git::Repository::open(fx.work.path());
  ChangeSet changes;
  changes.base_sha = fx.base;
  changes.head_sha = fx.head;
  RefineConfig config;
  std::vector<Finding> findings;
  std::string original = *util::read_file(fx.work.path() + "/lib/shell.py");
  std::vector<FileFix> fixes = {{"lib/shell.py", original, "fixed = True\n", 1, {}}};
  refine::DeliveryInput input{
      r,
      changes,
      config,
      findings,
      ci::push_target(
          ci::push_target_from_environment(util::map_environment({{"CODEGATE_PUSH_BRANCH", "absent"}}), std::nullopt),
          git::head_state(r)),
      ""};
  refine::DeliveryOutcome out = refine::deliver(fixes, FixMode::push, input);
  CHECK(out.mode == FixMode::suggest);
  REQUIRE(out.notes.size() == 2);
  CHECK(out.notes[1].find("refine: not pushed: the branch 'absent' does not exist on origin") == 0);
  CHECK(out.notes[1].find("the fixes are offered as suggestions instead") != std::string::npos);
}

TEST_CASE("deliver apply in a pre-commit hook: the staged file is the analysed one") {
  test::GitFixture repo;
  repo.write("a.py", "x = 1\n");
  std::string head = repo.commit("base");
  repo.write("a.py", "x = eval('1')\n");
  repo.git({"add", "a.py"});
  auto r = git::Repository::open(repo.path());
  ChangeSet changes;
  changes.staged = true;
  changes.base_sha = head;
  RefineConfig config;
  std::vector<Finding> findings;
  std::vector<FileFix> fixes = {{"a.py", "x = eval('1')\n", "x = 1\n", 1, {}}};
  refine::DeliveryInput input{r, changes, config, findings, std::nullopt, ""};

  refine::DeliveryOutcome applied = refine::deliver(fixes, FixMode::apply, input);
  CHECK(applied.applied == std::vector<std::string>{"a.py"});
  CHECK(*util::read_file(repo.path() + "/a.py") == "x = 1\n");

  // Edited again after `git add`: the working tree is no longer what was analysed.
  repo.write("a.py", "x = eval('2')\n");
  refine::DeliveryOutcome refused = refine::deliver(fixes, FixMode::apply, input);
  CHECK(refused.refused ==
        std::vector<std::string>{"a.py: the working-tree file differs from the staged one that was analysed"});

  // commit needs a commit to build on; the index is not one.
  std::string patch = repo.path() + "/../staged.patch";
  refine::DeliveryInput with_patch{r, changes, config, findings, std::nullopt, patch};
  refine::DeliveryOutcome committed = refine::deliver(fixes, FixMode::commit, with_patch);
  CHECK(committed.mode == FixMode::patch);
  CHECK(committed.notes[0] ==
        "refine: no commit made: --staged analyses the index, and a fix commit needs the analysed commit to build on; "
        "writing a patch instead");
}
