#pragma once
// [tool.codegate] in pyproject.toml: the keys of .codegate.yml, written in TOML.

#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"

namespace codegate {

// True when `text` may hold codegate's table: a cheap look, so that a pyproject.toml without one
// (the file belongs to other tools as well) is never parsed and can never fail a run.
bool mentions_codegate_table(const std::string& text);

// The configuration in `text`'s [tool.codegate] table; std::nullopt when it has none. Every key
// is validated exactly as in .codegate.yml; errors name `name`, the line and column in it and the
// key ("pyproject.toml:4:8: 'jobs' must be a whole number"). Throws UsageError.
std::optional<Config> parse_pyproject_config(const std::string& text, const std::string& name);

// Throws UsageError ("pyproject.toml:3:129: a dotted key of more than 64 parts ...") when TOML
// text nests keys, arrays or tables deeper than any configuration needs, before a TOML parser
// (toml++ recurses) sees it: call it on any TOML text first.
void check_toml_nesting(std::string_view text, const std::string& name);

} // namespace codegate
