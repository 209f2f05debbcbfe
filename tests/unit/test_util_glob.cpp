#include <doctest/doctest.h>

#include "util/glob.h"

using codegate::util::glob_match;

TEST_CASE("a pattern without a slash matches the file name in any directory") {
  CHECK(glob_match("*.py", "a.py"));
  CHECK(glob_match("*.py", "pkg/sub/a.py"));
  CHECK_FALSE(glob_match("*.py", "a.pyc"));
  CHECK(glob_match("test_*.py", "tests/test_x.py"));
}

TEST_CASE("** spans directories, * stays within one") {
  CHECK(glob_match("**/*.py", "a.py"));
  CHECK(glob_match("**/*.py", "a/b/c.py"));
  CHECK(glob_match("src/**", "src/a/b.py"));
  CHECK(glob_match("src/*.py", "src/a.py"));
  CHECK_FALSE(glob_match("src/*.py", "src/a/b.py"));
  CHECK(glob_match("src/**/test_*.py", "src/test_a.py"));
  CHECK(glob_match("src/**/test_*.py", "src/x/y/test_a.py"));
  CHECK_FALSE(glob_match("docs/**", "src/docs/a.py"));
  CHECK(glob_match("./vendor/**", "vendor/x.py"));
}

TEST_CASE("names with spaces, non-ASCII and leading dashes match literally") {
  CHECK(glob_match("**/*.py", "dir with space/my file.py"));
  CHECK(glob_match("**/*.py", "données/ü.py"));
  CHECK(glob_match("**/*.py", "-rf.py"));
}
