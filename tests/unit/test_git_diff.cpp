#include <doctest/doctest.h>

#include <filesystem>

#include "core/error.h"
#include "git/diff.h"
#include "git/snapshot.h"
#include "git_fixture.h"

using namespace codegate;

TEST_CASE("the diff lists added lines, follows renames and skips deletions, binaries and links") {
  test::GitFixture repo;
  repo.write("keep.py", "a = 1\nb = 2\nc = 3\n");
  repo.write("gone.py", "x = 1\n");
  repo.write("moved.py", "def f():\n    return 1\n\n\ndef g():\n    return 2\n");
  std::string base = repo.commit("base");

  repo.write("keep.py", "a = 1\nb = 20\nc = 3\nd = 4\n");
  std::filesystem::remove(repo.path() + "/gone.py");
  repo.git({"mv", "moved.py", "renamed.py"});
  repo.write("new file.py", "print('hi')\n");
  repo.write("blob.bin", std::string("\0\1\2\3", 4));
  std::filesystem::create_symlink("keep.py", repo.path() + "/link.py");
  std::string head = repo.commit("head");

  auto r = git::Repository::open(repo.path());
  ChangeSet changes = git::diff_commits(r, base, head);
  REQUIRE(changes.files.size() == 3);
  CHECK(changes.files[0].path == "keep.py");
  CHECK(changes.files[0].added_lines == std::set<int>{2, 4});
  CHECK(changes.files[0].context_lines == std::set<int>{1, 2, 3, 4});
  CHECK(changes.files[1].path == "new file.py");
  CHECK(changes.files[1].status == ChangeStatus::added);
  CHECK(changes.files[2].path == "renamed.py");
  CHECK(changes.files[2].old_path == "moved.py");
  CHECK(changes.files[2].status == ChangeStatus::renamed);
  CHECK(changes.files[2].added_lines.empty());
}

TEST_CASE("the staged diff compares the index with HEAD, before the first commit too") {
  test::GitFixture repo;
  repo.write("a.py", "x = 1\n");
  repo.git({"add", "a.py"});
  auto r = git::Repository::open(repo.path());
  ChangeSet first = git::diff_index(r);
  REQUIRE(first.files.size() == 1);
  CHECK(first.files[0].added_lines == std::set<int>{1});

  repo.commit("one");
  repo.write("a.py", "x = 1\ny = 2\n");
  repo.git({"add", "a.py"});
  repo.write("a.py", "x = 1\ny = 2\nunstaged = 3\n");
  ChangeSet staged = git::diff_index(r);
  REQUIRE(staged.files.size() == 1);
  CHECK(staged.files[0].added_lines == std::set<int>{2});
  CHECK(git::index_snapshot(r)->read("a.py") == "x = 1\ny = 2\n");
}

TEST_CASE("snapshots read the committed bytes, not the working tree") {
  test::GitFixture repo;
  repo.write("a.py", "committed\r\n");
  std::string sha = repo.commit("c");
  repo.write("a.py", "dirty\n");
  auto r = git::Repository::open(repo.path());
  auto snapshot = git::commit_snapshot(r, sha);
  CHECK(snapshot->read("a.py") == "committed\r\n");
  CHECK_FALSE(snapshot->read("missing.py"));
  CHECK(snapshot->list_files() == std::vector<std::string>{"a.py"});
  CHECK(git::worktree_snapshot(repo.path())->read("a.py") == "dirty\n");
}

TEST_CASE("revisions: unknown names, merge bases and the default base") {
  test::GitFixture repo;
  repo.write("a.py", "1\n");
  std::string root = repo.commit("root");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("a.py", "2\n");
  std::string feature = repo.commit("feature");
  auto r = git::Repository::open(repo.path());
  CHECK(r.merge_base(root, feature) == root);
  CHECK(r.default_base() == "refs/heads/main");
  CHECK_FALSE(r.resolve_commit("nope"));
  try {
    r.require_commit("nope");
    FAIL("expected an error");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()) ==
          "unknown revision 'nope'; pass a branch, tag or commit that exists in this repository");
  }
}

TEST_CASE("a directory outside any repository is a usage error") {
  util::TempDir dir;
  CHECK_THROWS_AS(git::Repository::open(dir.path()), UsageError);
}
