#include "pipeline/size_limit.h"

#include <cstdio>

namespace codegate {
namespace {

// Measured once on 2 MiB of the standard library's modules in one file (Debian 12, Pylint 2.16.2,
// Bandit 1.6.2): Pylint took 149 s of CPU, Bandit 6 s; Pylint cannot spread one module over its
// --jobs. 4 MiB is then about 5 minutes of Pylint, inside the default pylint.timeout (600 s) on
// an idle core; beyond it a run would mostly end at the time limit instead.
constexpr std::size_t k_max_analysed_bytes = 4 * 1024 * 1024;

std::string mib(std::size_t bytes) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buffer;
}

} // namespace

std::size_t max_analysed_bytes() { return k_max_analysed_bytes; }

std::string too_large_reason(std::size_t bytes) {
  return "it is " + mib(bytes) + " (" + std::to_string(bytes) + " bytes), over the " + mib(k_max_analysed_bytes) +
         " Pylint and Bandit are given, so the gate cannot pass it. Split it into smaller modules, or if it is "
         "generated, list it under exclude: in .codegate.yml.";
}

} // namespace codegate
