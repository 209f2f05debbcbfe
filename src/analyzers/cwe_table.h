#pragma once
// Bandit 1.6.2 prints no CWE ids; this table maps its test ids to CWE (as later Bandit releases do).

#include <optional>
#include <string_view>

namespace codegate {

std::optional<int> bandit_cwe(std::string_view test_id);

} // namespace codegate
