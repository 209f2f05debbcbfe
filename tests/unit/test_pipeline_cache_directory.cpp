// One rule for where a run's caches live (the result cache and the intent check's verdicts).

#include <doctest/doctest.h>

#include "pipeline/cache_directory.h"

using namespace codegate;

TEST_CASE("the cache directory: intent.cache_dir, else XDG_CACHE_HOME, else HOME; never inside the checkout") {
  Config config;
  std::vector<std::string> notes;
  CHECK(cache_directory(config, util::map_environment({{"XDG_CACHE_HOME", "/xdg"}, {"HOME", "/home/u"}}), "/repo",
                        notes) == "/xdg/codegate");
  // A relative XDG_CACHE_HOME is invalid by its specification: HOME's is used.
  CHECK(cache_directory(config, util::map_environment({{"XDG_CACHE_HOME", "xdg"}, {"HOME", "/home/u"}}), "/repo",
                        notes) == "/home/u/.cache/codegate");
  CHECK(cache_directory(config, util::map_environment({}), "/repo", notes).empty());
  config.intent.cache_dir = "/ci/cache";
  CHECK(cache_directory(config, util::map_environment({}), "/repo", notes) == "/ci/cache");
  CHECK(notes.empty());

  // The change controls the checkout: a cache there could hand back its own findings or verdicts.
  config.intent.cache_dir = "/repo/.cache";
  CHECK(cache_directory(config, util::map_environment({}), "/repo", notes).empty());
  CHECK(notes == std::vector<std::string>{"caches not used (results and intent verdicts): their directory "
                                          "/repo/.cache is inside the repository checkout, whose content the change "
                                          "controls"});
  // --no-cache turns off the result cache only: the directory still holds the verdicts.
  config.cache.enabled = false;
  config.intent.cache_dir = "/ci/cache";
  CHECK(cache_directory(config, util::map_environment({}), "/repo", notes) == "/ci/cache");
}
