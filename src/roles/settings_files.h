#pragma once
// Reading the settings files of the project's other tools (pyproject.toml, setup.cfg, tox.ini,
// ruff.toml, pytest.ini...): the pieces roles/project_settings and roles/docstring_requirement share.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "git/snapshot.h"

namespace codegate::roles {

// Larger settings files than this are no one's configuration; they are not parsed.
inline constexpr std::size_t k_max_settings_bytes = 1024 * 1024;

// `path` in `source`; nullopt when it is absent or larger than k_max_settings_bytes.
std::optional<std::string> read_settings_file(const git::Snapshot& source, const std::string& path);

// The words of `text`, split on whitespace.
std::vector<std::string> words(std::string_view text);

// A TOML array of strings, or one string of words (pytest takes both for python_files).
std::vector<std::string> toml_words(const toml::node* node);

// The keys of one section of an INI file (pytest.ini, tox.ini, setup.cfg), values joined over
// their continuation lines; nullopt when the section is absent.
std::optional<std::map<std::string, std::string>> ini_section(const std::string& text, const std::string& section);

} // namespace codegate::roles
