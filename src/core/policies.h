#pragma once
// The gate's trust policies as values, each with one table of names that the command line, the
// configuration parser and the reports all use.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace codegate {

// Whether findings the base revision already had are told apart from new ones (filter/baseline.h).
enum class BaselineMode { none, base };

// What a `# nosec` / `# pylint: disable` in the source does: honour hides the finding; report
// honours it but lists the ones the change added; deny_new ignores the ones the change added.
enum class SuppressionPolicy { honour, report, deny_new };

std::string_view to_string(BaselineMode mode);
std::string_view to_string(SuppressionPolicy policy);

std::optional<BaselineMode> parse_baseline_mode(std::string_view text);
std::optional<SuppressionPolicy> parse_suppression_policy(std::string_view text);

// The names, in table order, for CLI11's IsMember and for error messages.
std::vector<std::string> baseline_mode_names();
std::vector<std::string> suppression_policy_names();

} // namespace codegate
