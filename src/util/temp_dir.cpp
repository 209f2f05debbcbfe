#include "util/temp_dir.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "util/cleanup.h"
#include "util/system_error.h"

namespace codegate::util {

TempDir::TempDir(const std::string& prefix) {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/" + prefix + ".XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr)
    throw SystemError("cannot create a temporary directory in " + pattern + ": " + std::strerror(errno));
  path_ = buffer.data();
  register_temp_dir(path_); // a signal removes it too (util/signals.h)
}

TempDir::~TempDir() { remove_temp_dir(path_); }

} // namespace codegate::util
