#include "core/check_result.h"

#include <algorithm>

#include "core/name_table.h"

namespace codegate {
namespace {

constexpr names::NameTable<ToolStatus, 4> k_tool_statuses = {{{ToolStatus::not_run, ""},
                                                              {ToolStatus::ok, "ok"},
                                                              {ToolStatus::skipped, "skipped"},
                                                              {ToolStatus::unavailable, "unavailable"}}};

constexpr names::NameTable<FilterMode, 4> k_filter_modes = {{{FilterMode::added, "added"},
                                                             {FilterMode::diff_context, "diff_context"},
                                                             {FilterMode::file, "file"},
                                                             {FilterMode::nofilter, "nofilter"}}};

} // namespace

std::string_view to_string(ToolStatus status) { return names::name_of(k_tool_statuses, status); }
std::optional<ToolStatus> parse_tool_status(std::string_view text) { return names::value_of(k_tool_statuses, text); }

int CheckResult::reported_count() const {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.filter.reported; }));
}

int CheckResult::failing_count() const {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.fails_gate; }));
}

std::string_view to_string(FilterMode mode) { return names::name_of(k_filter_modes, mode); }
std::optional<FilterMode> filter_mode_named(std::string_view text) { return names::value_of(k_filter_modes, text); }
std::vector<std::string> filter_mode_names() { return names::names_of(k_filter_modes); }

} // namespace codegate
