#pragma once
// Bandit 1.6.2 prints no CWE ids; this table maps its test ids (and 1.7's) to CWE as Bandit >= 1.7.5 does.

#include <optional>
#include <string_view>

namespace codegate {

std::optional<int> bandit_cwe(std::string_view test_id);

} // namespace codegate
