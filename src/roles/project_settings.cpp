#include "roles/project_settings.h"

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

#include "config/pyproject.h"
#include "core/error.h"
#include "roles/settings_files.h"
#include "util/strings.h"

namespace codegate::roles {
namespace {

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

// pytest's `args` ini type (addopts, testpaths, python_files, norecursedirs in an INI file or a
// string in TOML): split as shlex.split does, quotes and backslashes included.
std::vector<std::string> shell_words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote != 0) {
      if (c == quote)
        quote = 0;
      else if (c == '\\' && quote == '"' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\'))
        word += text[++i];
      else
        word += c;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      if (in_word) out.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\'' || c == '"')
      quote = c;
    else if (c == '\\' && i + 1 < text.size())
      word += text[++i];
    else
      word += c;
  }
  if (in_word) out.push_back(std::move(word));
  return out;
}

// A TOML value of pytest's `args` type: an array of strings, or one string split as INI values are.
std::vector<std::string> toml_args(const toml::node* node) {
  if (node == nullptr) return {};
  if (auto text = node->value<std::string>()) return shell_words(*text);
  return toml_words(node);
}

// pytest's options that take their value as the next word (`--ignore path`), so that it is not read
// as a path to collect; with plugins' options that addopts commonly holds (pytest-cov, xdist,
// rerunfailures, timeout, randomly, html, django, asyncio). An option not listed takes no value.
bool takes_value(std::string_view option) {
  static const std::set<std::string_view> options = {"-k",
                                                     "-m",
                                                     "-p",
                                                     "-c",
                                                     "-o",
                                                     "-W",
                                                     "-r",
                                                     "-n",
                                                     "--config-file",
                                                     "--rootdir",
                                                     "--basetemp",
                                                     "--confcutdir",
                                                     "--ignore",
                                                     "--ignore-glob",
                                                     "--deselect",
                                                     "--override-ini",
                                                     "--junit-xml",
                                                     "--junitxml",
                                                     "--junit-prefix",
                                                     "--pythonwarnings",
                                                     "--durations",
                                                     "--durations-min",
                                                     "--maxfail",
                                                     "--tb",
                                                     "--show-capture",
                                                     "--capture",
                                                     "--import-mode",
                                                     "--log-level",
                                                     "--log-format",
                                                     "--log-date-format",
                                                     "--log-cli-level",
                                                     "--log-cli-format",
                                                     "--log-cli-date-format",
                                                     "--log-file",
                                                     "--log-file-mode",
                                                     "--log-file-level",
                                                     "--log-file-format",
                                                     "--log-file-date-format",
                                                     "--log-auto-indent",
                                                     "--log-disable",
                                                     "--debugdir",
                                                     "--pdbcls",
                                                     "--doctest-glob",
                                                     "--doctest-report",
                                                     "--color",
                                                     "--code-highlight",
                                                     "--assert",
                                                     "--lfnf",
                                                     "--last-failed-no-failures",
                                                     "--verbosity",
                                                     "--cov",
                                                     "--cov-report",
                                                     "--cov-config",
                                                     "--cov-fail-under",
                                                     "--cov-context",
                                                     "--numprocesses",
                                                     "--maxprocesses",
                                                     "--dist",
                                                     "--max-worker-restart",
                                                     "--reruns",
                                                     "--reruns-delay",
                                                     "--only-rerun",
                                                     "--timeout",
                                                     "--timeout-method",
                                                     "--randomly-seed",
                                                     "--html",
                                                     "--css",
                                                     "--ds",
                                                     "--dc",
                                                     "--asyncio-mode",
                                                     "--hypothesis-profile",
                                                     "--hypothesis-seed",
                                                     "--benchmark-sort",
                                                     "--benchmark-columns"};
  return options.count(option) != 0;
}

void read_override(std::string_view assignment, PytestSettings& out) {
  auto equals = assignment.find('=');
  if (equals == std::string_view::npos) return;
  std::string key(util::trim(assignment.substr(0, equals)));
  auto value = shell_words(assignment.substr(equals + 1));
  if (key == "testpaths")
    out.testpaths = value;
  else if (key == "python_files")
    out.python_files = value;
  else if (key == "norecursedirs")
    out.norecursedirs = value;
}

// The parts of addopts that change what is collected: --ignore, --ignore-glob, --deselect,
// -o/--override-ini of the collection settings, and positional paths (pytest collects those
// instead of testpaths).
void read_addopts(const std::vector<std::string>& words, PytestSettings& out) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--") {
      out.args.insert(out.args.end(), words.begin() + static_cast<std::ptrdiff_t>(i) + 1, words.end());
      return;
    }
    if (word.empty() || word.front() != '-' || word == "-") {
      out.args.push_back(word);
      continue;
    }
    std::string option = word;
    std::optional<std::string> value;
    if (auto equals = word.find('='); word.rfind("--", 0) == 0 && equals != std::string::npos) {
      option = word.substr(0, equals);
      value = word.substr(equals + 1);
    } else if (word.rfind("--", 0) != 0 && word.size() > 2) {
      option = word.substr(0, 2); // -ra, -otestpaths=x, -k=expr
      value = word.substr(word[2] == '=' ? 3 : 2);
      if (!takes_value(option)) continue; // -vv, -ra: flags run together
    }
    if (!value && takes_value(option) && i + 1 < words.size()) value = words[++i];
    if (!value) continue;
    if (option == "--ignore")
      out.ignore.push_back(*value);
    else if (option == "--ignore-glob")
      out.ignore_glob.push_back(*value);
    else if (option == "--deselect")
      out.deselect.push_back(*value);
    else if (option == "-o" || option == "--override-ini")
      read_override(*value, out);
  }
}

// One configuration's collection settings; `get` returns a key's words, nullopt when absent.
void take_pytest(const std::function<std::optional<std::vector<std::string>>(const char*)>& get,
                 const std::string& source, PytestSettings& out) {
  out.source = source;
  if (auto value = get("testpaths")) out.testpaths = *value;
  if (auto value = get("python_files")) out.python_files = *value;
  if (auto value = get("norecursedirs")) out.norecursedirs = *value;
  if (auto value = get("addopts")) read_addopts(*value, out);
}

void read_pytest(const git::Snapshot& source, const std::optional<toml::table>& pyproject, ProjectSettings& out) {
  // pytest's own order (docs: "Configuration file formats"): pytest.toml and .pytest.toml, then
  // pytest.ini and .pytest.ini (each even when empty), pyproject.toml with [tool.pytest] or
  // [tool.pytest.ini_options], tox.ini with [pytest], setup.cfg with [tool:pytest].
  auto from_table = [&](const toml::table& table, const std::string& name) {
    take_pytest(
        [&](const char* key) -> std::optional<std::vector<std::string>> {
          if (!table.contains(key)) return std::nullopt;
          return toml_args(table.get(key));
        },
        name, out.pytest);
  };
  for (const std::string file : {"pytest.toml", ".pytest.toml"}) {
    auto text = read_settings_file(source, file);
    if (!text) continue;
    out.pytest.source = file;
    if (auto table = parse_toml(*text, file, out.notes)) {
      if (const toml::table* pytest = table->get_as<toml::table>("pytest")) from_table(*pytest, file);
    }
    return;
  }
  auto from_ini = [&](const std::string& file, const std::string& section, bool even_without_section) {
    auto text = read_settings_file(source, file);
    if (!text) return false;
    auto keys = ini_section(*text, section);
    if (!keys && !even_without_section) return false;
    take_pytest(
        [&](const char* key) -> std::optional<std::vector<std::string>> {
          if (!keys) return std::nullopt;
          auto it = keys->find(key);
          if (it == keys->end()) return std::nullopt;
          return shell_words(it->second);
        },
        file, out.pytest);
    return true;
  };
  if (from_ini("pytest.ini", "pytest", true) || from_ini(".pytest.ini", "pytest", true)) return;
  if (pyproject) {
    if (const toml::node* options = pyproject->at_path("tool.pytest.ini_options").node();
        options != nullptr && options->is_table()) {
      from_table(*options->as_table(), "pyproject.toml");
      return;
    }
    if (const toml::node* native = pyproject->at_path("tool.pytest").node(); native != nullptr && native->is_table()) {
      from_table(*native->as_table(), "pyproject.toml");
      return;
    }
  }
  if (from_ini("tox.ini", "pytest", false)) return;
  from_ini("setup.cfg", "tool:pytest", false);
}

// A positional word of addopts that names nothing in the repository is an option's value (a
// plugin's option this file does not know, `--splits 4`): pytest would stop on a path that does
// not exist. Node ids (`tests/test_a.py::test_x`) name their file.
void keep_existing_args(const git::Snapshot& source, PytestSettings& out) {
  if (out.args.empty()) return;
  auto files = source.list_files();
  std::erase_if(out.args, [&](const std::string& arg) {
    std::string path = arg.substr(0, arg.find("::"));
    while (path.rfind("./", 0) == 0) path.erase(0, 2);
    while (!path.empty() && path.back() == '/') path.pop_back();
    if (path.empty() || path == ".") return false;
    return std::none_of(files.begin(), files.end(),
                        [&](const std::string& file) { return file == path || file.rfind(path + "/", 0) == 0; });
  });
}

void read_linguist(const git::Snapshot& source, ProjectSettings& out) {
  auto text = read_settings_file(source, ".gitattributes");
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
  auto text = read_settings_file(source, ".pre-commit-config.yaml");
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

// Ruff's rule selection in `table` ([tool.ruff] or ruff.toml) and its `lint` table, where Ruff
// reads it now; the top-level keys are Ruff's older spelling of the same settings.
void read_ruff_ignores(const toml::table& table, RuffIgnores& out) {
  auto append = [](std::vector<std::string>& to, const toml::node* node) {
    auto words = toml_words(node);
    to.insert(to.end(), words.begin(), words.end());
  };
  const toml::table* lint = table.get_as<toml::table>("lint");
  for (const auto& [settings, prefix] : {std::pair{&table, ""}, std::pair{lint, "lint."}}) {
    if (settings == nullptr) continue;
    for (const char* key : {"ignore", "extend-ignore"}) append(out.ignore, settings->get(key));
    for (const char* key : {"select", "extend-select"}) append(out.select, settings->get(key));
    for (const char* key : {"per-file-ignores", "extend-per-file-ignores"}) {
      const toml::table* patterns = settings->get_as<toml::table>(key);
      if (patterns == nullptr) continue;
      for (const auto& [pattern, selectors] : *patterns)
        out.per_file.push_back({std::string(prefix) + key, std::string(pattern.str()), toml_words(&selectors)});
    }
  }
}

void read_ruff(const git::Snapshot& source, const std::optional<toml::table>& pyproject, ProjectSettings& out) {
  auto take = [&](const toml::table& table, const std::string& name) {
    for (const char* key : {"exclude", "extend-exclude"}) {
      auto globs = toml_words(table.get(key));
      out.ruff_exclude.globs.insert(out.ruff_exclude.globs.end(), globs.begin(), globs.end());
    }
    if (!out.ruff_exclude.globs.empty()) out.ruff_exclude.source = name;
    read_ruff_ignores(table, out.ruff_ignores);
    out.ruff_ignores.source = name;
  };
  for (const std::string name : {"ruff.toml", ".ruff.toml"}) {
    auto text = read_settings_file(source, name);
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
  if (auto text = read_settings_file(source, "pyproject.toml"))
    pyproject = parse_toml(*text, "pyproject.toml", out.notes);
  read_pytest(source, pyproject, out);
  keep_existing_args(source, out.pytest);
  read_linguist(source, out);
  read_pre_commit(source, out);
  read_ruff(source, pyproject, out);
  out.type_checked = read_type_checked_paths(source, source.list_files());
  return out;
}

} // namespace codegate::roles
