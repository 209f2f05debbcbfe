#pragma once
// RefleXGen's self-reflection: before a repair, the model reviews the code it wrote against the
// task and the checks' findings and says what is insecure or wrong, why, and how to fix it. The
// review goes into the repair prompt and, with the fix it led to, into the knowledge base.

#include <string>
#include <vector>

#include "core/finding.h"
#include "llm/client.h"

namespace codegate::eval {

// The longest review kept: a review is a few sentences; more would crowd out the file.
inline constexpr std::size_t k_max_reflection_chars = 2000;

llm::ChatRequest reflection_request(const std::string& task, const std::string& path, const std::string& code,
                                    const std::vector<Finding>& findings, int max_tokens, double temperature);

// The answer as kept: trimmed and cut to k_max_reflection_chars at a character boundary.
std::string read_reflection(const std::string& answer);

} // namespace codegate::eval
