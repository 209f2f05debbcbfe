#include "util/hash.h"

#include <cstdio>
#include <random>

namespace codegate::util {

std::uint64_t fnv1a64(std::string_view data, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string hex64(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

std::string random_token() {
  std::random_device entropy;
  std::uint64_t high = (static_cast<std::uint64_t>(entropy()) << 32) | entropy();
  std::uint64_t low = (static_cast<std::uint64_t>(entropy()) << 32) | entropy();
  return hex64(high) + hex64(low);
}

namespace {

template <typename Parts>
std::string hash_of(const Parts& parts) {
  std::uint64_t hash = fnv1a64("");
  for (std::string_view part : parts) {
    std::string length = std::to_string(part.size()) + ":";
    hash = fnv1a64(length, hash);
    hash = fnv1a64(part, hash);
  }
  return hex64(hash);
}

} // namespace

std::string hash_parts(std::initializer_list<std::string_view> parts) { return hash_of(parts); }

std::string hash_parts(const std::vector<std::string>& parts) { return hash_of(parts); }

} // namespace codegate::util
