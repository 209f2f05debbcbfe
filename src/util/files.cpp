#include "util/files.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace codegate::util {

Result<std::string> read_file(const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Failure{"cannot read " + path + ": " + std::strerror(errno != 0 ? errno : EIO)};
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return Failure{"cannot read " + path + ": " + std::strerror(errno != 0 ? errno : EIO)};
  return content.str();
}

Result<void> write_file(const std::string& path, const std::string& content) {
  std::filesystem::path target(path);
  std::error_code error;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), error);
  if (error) return Failure{"cannot write " + path + ": " + error.message()};
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Failure{"cannot write " + path + ": " + std::strerror(errno)};
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return Failure{"cannot write " + path + ": " + std::strerror(errno)};
  return {};
}

Result<void> write_file_atomic(const std::string& path, const std::string& content) {
  std::error_code error;
  // A device or a pipe (`--sarif /dev/stdout`) cannot be replaced: it is written in place.
  auto status = std::filesystem::status(path, error);
  if (!error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    return write_file(path, content);
  // A symbolic link keeps pointing where it did: its target is replaced.
  std::string target = path;
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(path, error))) {
    auto resolved = std::filesystem::weakly_canonical(path, error);
    if (!error) target = resolved.string();
  }
  static std::atomic<unsigned> counter{0};
  std::string temporary = target + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  auto fail = [&](const std::string& why) -> Result<void> {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    return Failure{"cannot write " + path + ": " + why};
  };
  if (auto written = write_file(temporary, content); !written) {
    std::string why = written.error(); // "cannot write TEMPORARY: why"
    std::string prefix = "cannot write " + temporary + ": ";
    return fail(why.rfind(prefix, 0) == 0 ? why.substr(prefix.size()) : why);
  }
  std::filesystem::rename(temporary, target, error);
  if (error) return fail(error.message());
  return {};
}

} // namespace codegate::util
