#include "roles/ruff_ignores.h"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>

namespace codegate::roles {
namespace {

bool is_code_prefix(std::string_view selector) {
  return !selector.empty() && std::all_of(selector.begin(), selector.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) != 0 || std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// `{a,b}` alternatives written out, as globset reads them (not nested).
std::vector<std::string> expand_braces(std::string_view pattern) {
  auto open = pattern.find('{');
  auto close = open == std::string_view::npos ? open : pattern.find('}', open);
  if (close == std::string_view::npos) return {std::string(pattern)};
  std::vector<std::string> out;
  std::string_view inside = pattern.substr(open + 1, close - open - 1);
  for (std::size_t start = 0;;) {
    auto comma = inside.find(',', start);
    std::string alternative = std::string(pattern.substr(0, open)) + std::string(inside.substr(start, comma - start)) +
                              std::string(pattern.substr(close + 1));
    for (auto& expanded : expand_braces(alternative)) out.push_back(std::move(expanded));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

bool glob_matches(const std::string& pattern, std::string_view path) {
  std::string subject(path);
  if (fnmatch(pattern.c_str(), subject.c_str(), 0) == 0) return true; // `*` crosses '/', as in globset
  // `**/x` matches x at the root too.
  return pattern.rfind("**/", 0) == 0 && fnmatch(pattern.c_str() + 3, subject.c_str(), 0) == 0;
}

} // namespace

int ruff_selector_specificity(std::string_view selector, std::string_view code, std::string_view name) {
  if (selector == "ALL") return 1;
  if (selector == name) return static_cast<int>(code.size()) + 1;
  if (is_code_prefix(selector) && code.starts_with(selector)) return static_cast<int>(selector.size()) + 1;
  return 0;
}

bool ruff_pattern_matches(std::string_view pattern, std::string_view path) {
  bool negated = pattern.starts_with('!');
  if (negated) pattern.remove_prefix(1);
  if (pattern.starts_with("./")) pattern.remove_prefix(2);
  auto slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  bool matched = false;
  for (const auto& alternative : expand_braces(pattern))
    matched = matched || glob_matches(alternative, path) || glob_matches(alternative, name);
  return matched != negated;
}

std::optional<std::string> ruff_ignoring_setting(const RuffIgnores& ignores, const std::string& path,
                                                 std::string_view code, std::string_view name) {
  for (const auto& entry : ignores.per_file) {
    if (!ruff_pattern_matches(entry.pattern, path)) continue;
    for (const auto& selector : entry.selectors)
      if (ruff_selector_specificity(selector, code, name) > 0) return entry.setting + " \"" + entry.pattern + "\"";
  }
  auto most_specific = [&](const std::vector<std::string>& selectors) {
    int best = 0;
    for (const auto& selector : selectors) best = std::max(best, ruff_selector_specificity(selector, code, name));
    return best;
  };
  int ignored = most_specific(ignores.ignore);
  if (ignored > 0 && ignored >= most_specific(ignores.select)) return std::string("lint.ignore");
  return std::nullopt;
}

} // namespace codegate::roles
