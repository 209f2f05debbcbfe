#include "analyzers/pylint/docstring_check.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>

#include "config/pyproject.h"
#include "core/error.h"
#include "roles/settings_files.h"
#include "util/strings.h"

namespace codegate {
namespace {

// The enable= and disable= names Pylint is started with, lower case, in the order read.
struct MessageSwitches {
  std::vector<std::string> enable;
  std::vector<std::string> disable;
};

// "C0116, missing-docstring" (commas, whitespace, continuation lines) as names.
void add_names(std::string_view text, std::vector<std::string>& out) {
  std::string spaced(text);
  std::replace(spaced.begin(), spaced.end(), ',', ' ');
  for (auto& name : roles::words(spaced)) out.push_back(util::to_lower(name));
}

// An INI file: enable and disable in every section (a pylintrc), or in the [pylint...] ones (setup.cfg,
// tox.ini), continuation lines joined.
void read_ini(const std::string& text, bool whole_file, MessageSwitches& out) {
  bool inside = whole_file;
  std::vector<std::string>* current = nullptr;
  for (auto raw : util::split_lines(text)) {
    std::string_view line = raw;
    auto trimmed = util::trim(line);
    if (trimmed.empty() || trimmed.front() == '#' || trimmed.front() == ';') continue;
    if (trimmed.front() == '[') {
      inside = whole_file || util::to_lower(trimmed).starts_with("[pylint");
      current = nullptr;
      continue;
    }
    if (!inside) continue;
    if (std::isspace(static_cast<unsigned char>(line.front())) != 0 && current != nullptr) {
      add_names(trimmed, *current);
      continue;
    }
    auto equals = trimmed.find_first_of("=:");
    if (equals == std::string_view::npos) continue;
    std::string key = util::to_lower(util::trim(trimmed.substr(0, equals)));
    current = key == "disable" ? &out.disable : key == "enable" ? &out.enable : nullptr;
    if (current != nullptr) add_names(trimmed.substr(equals + 1), *current);
  }
}

// pyproject.toml: enable and disable at any depth of [tool.pylint] (its "messages control" table).
void read_toml(const toml::table& table, MessageSwitches& out) {
  for (const auto& [key, node] : table) {
    if (const toml::table* inner = node.as_table()) {
      read_toml(*inner, out);
      continue;
    }
    std::string name(key.str());
    std::vector<std::string>* target = name == "disable" ? &out.disable : name == "enable" ? &out.enable : nullptr;
    if (target == nullptr) continue;
    for (const auto& word : roles::toml_words(&node)) add_names(word, *target);
  }
}

bool names_any(const std::vector<std::string>& names, std::initializer_list<std::string_view> wanted) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& name) {
    return std::find(wanted.begin(), wanted.end(), name) != wanted.end();
  });
}

MessageSwitches read_file_switches(const AnalyzerConfigFile& file) {
  MessageSwitches out;
  if (file.content.size() > roles::k_max_settings_bytes) return out;
  if (file.name.ends_with(".toml")) {
    try {
      check_toml_nesting(file.content, file.name);
      toml::table root = toml::parse(file.content, file.name);
      if (const toml::table* pylint = root.at_path("tool.pylint").as_table()) read_toml(*pylint, out);
    } catch (const UsageError&) {
    } catch (const toml::parse_error&) {
      // Pylint itself refuses the file; the run says so.
    }
    return out;
  }
  const bool shared = file.name.ends_with("setup.cfg") || file.name.ends_with("tox.ini");
  read_ini(file.content, !shared, out);
  return out;
}

} // namespace

bool checks_function_docstrings(const PylintConfig& config, const std::optional<AnalyzerConfigFile>& file) {
  MessageSwitches switches = file ? read_file_switches(*file) : MessageSwitches{};
  for (const auto& name : config.disable) add_names(name, switches.disable);
  for (const auto& arg : config.args) {
    if (arg.starts_with("--disable=")) add_names(std::string_view(arg).substr(10), switches.disable);
    if (arg.starts_with("--enable=")) add_names(std::string_view(arg).substr(9), switches.enable);
  }
  if (names_any(switches.enable, {"c0116", "missing-function-docstring"})) return true;
  return !names_any(switches.disable,
                    {"c0116", "missing-function-docstring", "c0111", "missing-docstring", "c", "convention", "all"});
}

} // namespace codegate
