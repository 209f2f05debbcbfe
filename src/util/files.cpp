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

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
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
  static std::atomic<unsigned> counter{0};
  std::string temporary = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  std::error_code error;
  if (auto written = write_file(temporary, content); !written) {
    std::filesystem::remove(temporary, error);
    return Failure{"cannot write " + path + ": " + written.error()};
  }
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    return Failure{"cannot write " + path + ": " + error.message()};
  }
  return {};
}

} // namespace codegate::util
