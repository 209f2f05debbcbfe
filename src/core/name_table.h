#pragma once
// One table of names per enum: the value <-> name mapping the command line (CLI11's IsMember),
// the configuration parser, the reports and error messages all read, so no list of choices is
// written twice. The enums' own headers (core/policies.h, core/check_result.h) declare the
// to_string / parse_* / *_names functions; their .cpp files hold the tables.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace codegate::names {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

template <typename Enum, std::size_t N>
constexpr std::string_view name_of(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [entry, name] : table)
    if (entry == value) return name;
  return table.front().second;
}

template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_of(const NameTable<Enum, N>& table, std::string_view text) {
  for (const auto& [entry, name] : table)
    if (name == text) return entry;
  return std::nullopt;
}

// The names in table order.
template <typename Enum, std::size_t N>
std::vector<std::string> names_of(const NameTable<Enum, N>& table) {
  std::vector<std::string> names;
  for (const auto& entry : table) names.emplace_back(entry.second);
  return names;
}

} // namespace codegate::names
