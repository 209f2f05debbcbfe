#pragma once
// Path globs as users write them in .codegate.yml: `*` within a segment, `**` across segments,
// `?`, and character classes; a pattern without '/' matches the file name in any directory.

#include <string>
#include <string_view>
#include <vector>

namespace codegate::util {

bool glob_match(std::string_view pattern, std::string_view path);
bool glob_match_any(const std::vector<std::string>& patterns, std::string_view path);

} // namespace codegate::util
