#pragma once
// Non-cryptographic content hashes for fingerprints and cache keys.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace codegate::util {

std::uint64_t fnv1a64(std::string_view data, std::uint64_t seed = 14695981039346656037ULL);
// 16 lowercase hex digits.
std::string hex64(std::uint64_t value);
// 32 random lowercase hex digits from the system's entropy source, for tokens nobody may guess.
std::string random_token();
// A hash of several parts that cannot collide by moving text between parts.
std::string hash_parts(std::initializer_list<std::string_view> parts);
std::string hash_parts(const std::vector<std::string>& parts);

} // namespace codegate::util
