#include "core/policies.h"

#include <array>
#include <utility>

namespace codegate {
namespace {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

constexpr NameTable<BaselineMode, 2> k_baseline_modes = {{{BaselineMode::none, "none"}, {BaselineMode::base, "base"}}};
constexpr NameTable<SuppressionPolicy, 3> k_suppression_policies = {{{SuppressionPolicy::honour, "honour"},
                                                                     {SuppressionPolicy::report, "report"},
                                                                     {SuppressionPolicy::deny_new, "deny-new"}}};

template <typename Enum, std::size_t N>
std::string_view name_of(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [entry, name] : table)
    if (entry == value) return name;
  return table.front().second;
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const NameTable<Enum, N>& table, std::string_view text) {
  for (const auto& [entry, name] : table)
    if (name == text) return entry;
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::vector<std::string> names_of(const NameTable<Enum, N>& table) {
  std::vector<std::string> names;
  for (const auto& entry : table) names.emplace_back(entry.second);
  return names;
}

} // namespace

std::string_view to_string(BaselineMode mode) { return name_of(k_baseline_modes, mode); }
std::string_view to_string(SuppressionPolicy policy) { return name_of(k_suppression_policies, policy); }

std::optional<BaselineMode> parse_baseline_mode(std::string_view text) { return value_of(k_baseline_modes, text); }
std::optional<SuppressionPolicy> parse_suppression_policy(std::string_view text) {
  return value_of(k_suppression_policies, text);
}

std::vector<std::string> baseline_mode_names() { return names_of(k_baseline_modes); }
std::vector<std::string> suppression_policy_names() { return names_of(k_suppression_policies); }

} // namespace codegate
