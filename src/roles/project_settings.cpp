#include "roles/project_settings.h"

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <cctype>

#include "config/pyproject.h"
#include "core/error.h"
#include "util/strings.h"

namespace codegate::roles {
namespace {

std::optional<std::string> read_small(const git::Snapshot& source, const std::string& path) {
  auto content = source.read(path);
  if (!content || content->size() > k_max_settings_bytes) return std::nullopt;
  return content;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0) ++i;
    std::size_t start = i;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) == 0) ++i;
    if (i > start) out.emplace_back(text.substr(start, i - start));
  }
  return out;
}

// A TOML array of strings, or one string of words (pytest takes both for python_files).
std::vector<std::string> toml_words(const toml::node* node) {
  std::vector<std::string> out;
  if (node == nullptr) return out;
  if (auto text = node->value<std::string>()) return words(*text);
  if (auto array = node->as_array()) {
    for (const auto& item : *array)
      if (auto text = item.value<std::string>()) out.push_back(*text);
  }
  return out;
}

// The keys of one section of an INI file (pytest.ini, tox.ini, setup.cfg), values joined over
// their continuation lines; nullopt when the section is absent.
std::optional<std::map<std::string, std::string>> ini_section(const std::string& text, const std::string& section) {
  std::optional<std::map<std::string, std::string>> out;
  bool inside = false;
  std::string key;
  for (auto raw : util::split_lines(text)) {
    std::string_view line = raw;
    auto trimmed = util::trim(line);
    if (trimmed.empty() || trimmed.front() == '#' || trimmed.front() == ';') continue;
    if (trimmed.front() == '[') {
      inside = trimmed == "[" + section + "]";
      if (inside && !out) out.emplace();
      key.clear();
      continue;
    }
    if (!inside) continue;
    if (std::isspace(static_cast<unsigned char>(line.front())) != 0 && !key.empty()) {
      (*out)[key] += " " + std::string(trimmed);
      continue;
    }
    auto equals = trimmed.find_first_of("=:");
    if (equals == std::string_view::npos) continue;
    key = std::string(util::trim(trimmed.substr(0, equals)));
    (*out)[key] = std::string(util::trim(trimmed.substr(equals + 1)));
  }
  return out;
}

std::optional<toml::table> parse_toml(const std::string& text, const std::string& name,
                                      std::vector<std::string>& notes) {
  try {
    check_toml_nesting(text, name);
    return toml::parse(text, name);
  } catch (const UsageError& e) {
    notes.push_back(std::string(e.what()) + ": its pytest and Ruff settings were not read");
    return std::nullopt;
  } catch (const toml::parse_error& e) {
    notes.push_back(name + " is not valid TOML (" + std::string(e.description()) +
                    "): its pytest and Ruff settings were not read");
    return std::nullopt;
  }
}

void read_pytest(const git::Snapshot& source, const std::optional<toml::table>& pyproject, ProjectSettings& out) {
  // pytest's own order: pytest.ini, pyproject.toml, tox.ini, setup.cfg.
  auto from_ini = [&](const std::string& file, const std::string& section) {
    auto text = read_small(source, file);
    if (!text) return false;
    auto keys = ini_section(*text, section);
    if (!keys) return false;
    if (auto it = keys->find("testpaths"); it != keys->end()) out.testpaths = words(it->second);
    if (auto it = keys->find("python_files"); it != keys->end()) out.python_files = words(it->second);
    out.pytest_source = file;
    return true;
  };
  if (from_ini("pytest.ini", "pytest")) return;
  if (pyproject) {
    if (const toml::node* options = pyproject->at_path("tool.pytest.ini_options").node();
        options != nullptr && options->is_table()) {
      const auto& table = *options->as_table();
      if (table.contains("testpaths")) out.testpaths = toml_words(table.get("testpaths"));
      if (table.contains("python_files")) out.python_files = toml_words(table.get("python_files"));
      out.pytest_source = "pyproject.toml";
      return;
    }
  }
  if (from_ini("tox.ini", "pytest")) return;
  from_ini("setup.cfg", "tool:pytest");
}

void read_linguist(const git::Snapshot& source, ProjectSettings& out) {
  auto text = read_small(source, ".gitattributes");
  if (!text) return;
  for (auto line : util::split_lines(*text)) {
    auto fields = words(line);
    if (fields.size() < 2 || fields[0].front() == '#') continue;
    for (std::size_t i = 1; i < fields.size(); ++i) {
      std::string attribute = fields[i];
      bool set = true;
      if (attribute.front() == '-' || attribute.front() == '!') {
        set = false;
        attribute.erase(0, 1);
      }
      auto equals = attribute.find('=');
      if (equals != std::string::npos) {
        std::string value = attribute.substr(equals + 1);
        attribute.resize(equals);
        set = set && value != "false";
      }
      if (attribute != "linguist-generated" && attribute != "linguist-vendored") continue;
      std::string pattern = fields[0];
      if (pattern.front() == '/') pattern.erase(0, 1);
      out.linguist.push_back({pattern, attribute == "linguist-generated", set});
    }
  }
}

// Python's verbose mode ((?x) leading the pattern, as black's and many projects' excludes are
// written): whitespace and # comments outside character classes are not part of the pattern.
std::string unverbose(const std::string& pattern) {
  std::string out;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += c;
      out += pattern[++i];
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out += c;
      continue;
    }
    if (c == '[') in_class = true;
    if (std::isspace(static_cast<unsigned char>(c)) != 0) continue;
    if (c == '#') {
      while (i < pattern.size() && pattern[i] != '\n') ++i;
      continue;
    }
    out += c;
  }
  return out;
}

void read_pre_commit(const git::Snapshot& source, ProjectSettings& out) {
  auto text = read_small(source, ".pre-commit-config.yaml");
  if (!text) return;
  std::string pattern;
  try {
    YAML::Node root = YAML::Load(*text);
    if (!root.IsMap() || !root["exclude"] || !root["exclude"].IsScalar()) return;
    pattern = root["exclude"].Scalar();
  } catch (const YAML::Exception& e) {
    out.notes.push_back(".pre-commit-config.yaml is not valid YAML (" + e.msg + "): its exclude: was not read");
    return;
  }
  std::string ecma = pattern.rfind("(?x)", 0) == 0 ? unverbose(pattern.substr(4)) : pattern;
  try {
    out.pre_commit_exclude.emplace(ecma, std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    out.notes.push_back(
        ".pre-commit-config.yaml's exclude: is a regular expression codegate cannot read; the "
        "files it names are analysed (list them under roles: excluded: in .codegate.yml)");
  }
}

void read_ruff(const git::Snapshot& source, const std::optional<toml::table>& pyproject, ProjectSettings& out) {
  auto take = [&](const toml::table& table, const std::string& name) {
    for (const char* key : {"exclude", "extend-exclude"}) {
      auto globs = toml_words(table.get(key));
      out.ruff_exclude.globs.insert(out.ruff_exclude.globs.end(), globs.begin(), globs.end());
    }
    if (!out.ruff_exclude.globs.empty()) out.ruff_exclude.source = name;
  };
  for (const std::string name : {"ruff.toml", ".ruff.toml"}) {
    auto text = read_small(source, name);
    if (!text) continue;
    if (auto table = parse_toml(*text, name, out.notes)) take(*table, name);
    return; // Ruff's own order: ruff.toml wins over pyproject.toml
  }
  if (!pyproject) return;
  if (const toml::node* ruff = pyproject->at_path("tool.ruff").node(); ruff != nullptr && ruff->is_table())
    take(*ruff->as_table(), "pyproject.toml [tool.ruff]");
}

} // namespace

ProjectSettings read_project_settings(const git::Snapshot& source) {
  ProjectSettings out;
  std::optional<toml::table> pyproject;
  if (auto text = read_small(source, "pyproject.toml")) pyproject = parse_toml(*text, "pyproject.toml", out.notes);
  read_pytest(source, pyproject, out);
  read_linguist(source, out);
  read_pre_commit(source, out);
  read_ruff(source, pyproject, out);
  return out;
}

} // namespace codegate::roles
