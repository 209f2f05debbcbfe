#include <doctest/doctest.h>

#include "core/error.h"
#include "util/files.h"
#include "util/result.h"
#include "util/temp_dir.h"

using namespace codegate;

namespace {

util::Result<int> half(int n) {
  if (n % 2 != 0) return util::Failure{std::to_string(n) + " is odd"};
  return n / 2;
}

} // namespace

TEST_CASE("a Result holds a value or the reason there is none") {
  auto even = half(8);
  REQUIRE(even);
  CHECK(*even == 4);
  auto odd = half(3);
  CHECK_FALSE(odd.ok());
  CHECK(odd.error() == "3 is odd");
  util::Result<void> done;
  CHECK(done.ok());
}

TEST_CASE("a file that cannot be written is a Failure naming it; require makes it a ToolError") {
  util::TempDir dir;
  REQUIRE(util::write_file(dir.path() + "/a/b.txt", "x"));
  REQUIRE(util::write_file(dir.path() + "/file", "x"));
  // A directory cannot be made under a regular file.
  auto written = util::write_file(dir.path() + "/file/inside.txt", "x");
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().rfind("cannot write " + dir.path() + "/file/inside.txt: ", 0) == 0);
  auto atomic = util::write_file_atomic(dir.path() + "/file/inside.txt", "x");
  REQUIRE_FALSE(atomic.ok());
  CHECK(atomic.error().rfind("cannot write " + dir.path() + "/file/inside.txt: ", 0) == 0);
  CHECK_THROWS_WITH_AS(require(written, "cannot write the report"),
                       ("cannot write the report: " + written.error()).c_str(), ToolError);
}

TEST_CASE("a file that cannot be read is a Failure that says why") {
  util::TempDir dir;
  REQUIRE(util::write_file(dir.path() + "/a.txt", "bytes"));
  CHECK(*util::read_file(dir.path() + "/a.txt") == "bytes");
  auto missing = util::read_file(dir.path() + "/missing.txt");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error() == "cannot read " + dir.path() + "/missing.txt: No such file or directory");
}
