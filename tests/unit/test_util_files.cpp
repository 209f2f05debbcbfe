#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>

#include "util/files.h"
#include "util/temp_dir.h"

using namespace codegate;
namespace fs = std::filesystem;

TEST_CASE("a write inside a guarded directory never follows a link there") {
  util::TempDir dir("codegate-files-test");
  const std::string checkout = dir.path() + "/checkout";
  const std::string outside = dir.path() + "/outside";
  fs::create_directories(checkout + "/real");
  fs::create_directories(outside);
  REQUIRE(util::write_file(outside + "/victim", "precious"));
  fs::create_symlink(outside + "/victim", checkout + "/report.json");
  fs::create_directory_symlink(outside, checkout + "/linked");

  SUBCASE("a link at the path itself is replaced, not written through") {
    CHECK(*util::guarded_write(checkout + "/report.json", checkout) == util::FinalLink::replace);
    REQUIRE(util::write_file_guarded(checkout + "/report.json", "report", checkout));
    CHECK_FALSE(fs::is_symlink(checkout + "/report.json"));
    CHECK(*util::read_file(checkout + "/report.json") == "report");
    CHECK(*util::read_file(outside + "/victim") == "precious");
  }
  SUBCASE("a link among the directories is refused, however the path is spelt") {
    for (const std::string& path :
         {checkout + "/linked/x.json", checkout + "/real/../linked/x.json", checkout + "/./linked/sub/x.json"}) {
      auto refused = util::write_file_guarded(path, "report", checkout);
      REQUIRE_FALSE(refused);
      CHECK(refused.error().find("goes through the symbolic link " + checkout + "/linked") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(outside + "/x.json"));
  }
  SUBCASE("links outside the guarded directory are followed") {
    fs::create_symlink(outside + "/victim", outside + "/mine");
    CHECK(*util::guarded_write(outside + "/mine", checkout) == util::FinalLink::follow);
    REQUIRE(util::write_file_guarded(outside + "/mine", "new", checkout));
    CHECK(fs::is_symlink(outside + "/mine"));
    CHECK(*util::read_file(outside + "/victim") == "new");
    CHECK(*util::guarded_write("/dev/stdout", checkout) == util::FinalLink::follow);
  }
  SUBCASE("a relative path is resolved from the current directory") {
    auto previous = fs::current_path();
    fs::current_path(checkout);
    CHECK(*util::guarded_write("report.json", checkout) == util::FinalLink::replace);
    CHECK_FALSE(util::guarded_write("linked/x.json", checkout));
    CHECK(*util::guarded_write("real/new.json", checkout) == util::FinalLink::follow);
    fs::current_path(previous);
  }
}
