#include "util/argument_batches.h"

#include <unistd.h>

#include <cstring>

extern char** environ;

namespace codegate::util {
namespace {

// xargs keeps 2 KiB; this leaves room for the variables a child adds (env_set) as well.
constexpr std::size_t k_margin = 32 * 1024;

std::size_t execve_bytes(const char* s) { return std::strlen(s) + 1 + sizeof(char*); }

} // namespace

std::size_t argument_space() {
  long arg_max = sysconf(_SC_ARG_MAX);
  std::size_t space = arg_max > 0 ? static_cast<std::size_t>(arg_max) : 128 * 1024;
  std::size_t used = k_margin;
  for (char** e = environ; *e != nullptr; ++e) used += execve_bytes(*e);
  return space > used ? space - used : 0;
}

std::vector<std::vector<std::string>> argument_batches(const std::vector<std::string>& fixed,
                                                       const std::vector<std::string>& items, std::size_t limit) {
  std::size_t fixed_bytes = sizeof(char*); // argv's terminating null pointer
  for (const auto& arg : fixed) fixed_bytes += execve_bytes(arg.c_str());
  std::vector<std::vector<std::string>> batches;
  std::size_t bytes = 0;
  for (const auto& item : items) {
    std::size_t size = execve_bytes(item.c_str());
    if (batches.empty() || (batches.back().size() > fixed.size() && bytes + size > limit)) {
      batches.push_back(fixed);
      bytes = fixed_bytes;
    }
    batches.back().push_back(item);
    bytes += size;
  }
  return batches;
}

} // namespace codegate::util
