#include "util/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "util/hash.h"

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

namespace {

// Creates `path` for writing, failing if any file or link already has that name.
Result<void> write_new_file(const std::string& path, const std::string& content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return Failure{std::strerror(errno)};
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::string why = std::strerror(n < 0 ? errno : EIO);
      ::close(fd);
      return Failure{why};
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) return Failure{std::strerror(errno)};
  return {};
}

bool inside(const std::filesystem::path& path, const std::filesystem::path& directory) {
  auto [end, unused] = std::mismatch(directory.begin(), directory.end(), path.begin(), path.end());
  return end == directory.end();
}

} // namespace

Result<void> write_file_atomic(const std::string& path, const std::string& content, FinalLink final_link) {
  std::error_code error;
  const bool link = std::filesystem::is_symlink(std::filesystem::symlink_status(path, error));
  std::string target = path;
  if (!link || final_link == FinalLink::follow) {
    // A device or a pipe (`--sarif /dev/stdout`) cannot be replaced: it is written in place.
    auto status = std::filesystem::status(path, error);
    if (!error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
      return write_file(path, content);
    // A symbolic link keeps pointing where it did: its target is replaced (made when it dangles).
    for (int hops = 0; hops < 40 && std::filesystem::is_symlink(std::filesystem::symlink_status(target, error));
         ++hops) {
      std::filesystem::path to = std::filesystem::read_symlink(target, error);
      if (error) break;
      target = (to.is_absolute() ? to : std::filesystem::path(target).parent_path() / to).lexically_normal().string();
    }
  }
  std::filesystem::path parent = std::filesystem::path(target).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, error);
  std::string temporary = target + ".tmp." + random_token();
  auto fail = [&](const std::string& why) -> Result<void> {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    return Failure{"cannot write " + path + ": " + why};
  };
  if (auto written = write_new_file(temporary, content); !written) return fail(written.error());
  // rename() replaces a link at `target` itself, never what it points to.
  std::filesystem::rename(temporary, target, error);
  if (error) return fail(error.message());
  return {};
}

Result<FinalLink> guarded_write(const std::string& path, const std::string& guarded) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path root = fs::canonical(guarded, error);
  if (error) return FinalLink::follow; // nothing there to guard
  fs::path given(path);
  fs::path resolved = given.is_absolute() ? fs::path("/") : fs::current_path(error);
  if (error) return Failure{"cannot write " + path + ": " + error.message()};
  const fs::path relative = given.relative_path();
  const std::vector<fs::path> parts(relative.begin(), relative.end());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const fs::path& part = parts[i];
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      resolved = resolved.parent_path();
      continue;
    }
    fs::path next = resolved / part;
    bool link = fs::is_symlink(fs::symlink_status(next, error));
    if (!link) {
      resolved = next;
      continue;
    }
    bool last = i + 1 == parts.size();
    if (inside(resolved, root)) {
      if (last) return FinalLink::replace;
      return Failure{"'" + path + "' goes through the symbolic link " + next.string() +
                     ", which the checkout holds: a report is never written where a link in the change points. "
                     "Write it outside the checkout, or to a path without links"};
    }
    if (last) return FinalLink::follow;
    resolved = fs::canonical(next, error);
    if (error) return FinalLink::follow; // a dangling link outside: writing fails as it would anyway
  }
  return FinalLink::follow;
}

Result<void> write_file_guarded(const std::string& path, const std::string& content, const std::string& guarded) {
  auto final_link = guarded_write(path, guarded);
  if (!final_link) return Failure{final_link.error()};
  return write_file_atomic(path, content, *final_link);
}

} // namespace codegate::util
