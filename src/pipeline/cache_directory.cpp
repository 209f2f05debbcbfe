#include "pipeline/cache_directory.h"

#include <filesystem>

namespace codegate {
namespace {

std::string default_directory(const util::EnvLookup& env) {
  auto xdg = env("XDG_CACHE_HOME");
  if (xdg && !xdg->empty() && xdg->front() == '/') return *xdg + "/codegate";
  auto home = env("HOME");
  if (home && !home->empty()) return *home + "/.cache/codegate";
  return "";
}

} // namespace

std::string cache_directory(const Config& config, const util::EnvLookup& env, const std::string& workdir,
                            std::vector<std::string>& notes) {
  std::string directory = config.intent.cache_dir.empty() ? default_directory(env) : config.intent.cache_dir;
  if (directory.empty() || workdir.empty()) return directory;
  std::error_code error;
  auto cache = std::filesystem::weakly_canonical(std::filesystem::absolute(directory), error);
  auto repo = std::filesystem::weakly_canonical(std::filesystem::absolute(workdir), error);
  if (error) return directory;
  auto relative = cache.lexically_relative(repo);
  if (!relative.empty() && *relative.begin() != "..") {
    notes.push_back("caches not used (results and intent verdicts): their directory " + directory +
                    " is inside the repository checkout, whose content the change controls");
    return "";
  }
  return directory;
}

} // namespace codegate
