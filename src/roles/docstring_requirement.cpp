#include "roles/docstring_requirement.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <vector>

#include "config/pyproject.h"
#include "core/error.h"
#include "roles/settings_files.h"
#include "util/strings.h"

namespace codegate::roles {
namespace {

// The rules that ask for a docstring on a public method (D102) and a public function (D103), in
// the numbering Ruff and pydocstyle share.
constexpr std::string_view k_function_rules[] = {"D102", "D103"};

// The length of the most specific selector that covers `code` (a prefix of it; ALL: 0), -1: none.
int most_specific(const std::vector<std::string>& selectors, std::string_view code) {
  int best = -1;
  for (const auto& selector : selectors) {
    if (selector == "ALL")
      best = std::max(best, 0);
    else if (!selector.empty() && code.starts_with(selector))
      best = std::max(best, static_cast<int>(selector.size()));
  }
  return best;
}

// True when a function rule is selected and no ignore as specific or more takes it away (Ruff's
// and pydocstyle's resolution: the more specific selector wins, an ignore wins a tie).
bool selects_function_rule(const std::vector<std::string>& select, const std::vector<std::string>& ignore) {
  return std::any_of(std::begin(k_function_rules), std::end(k_function_rules), [&](std::string_view code) {
    int selected = most_specific(select, code);
    return selected >= 0 && selected > most_specific(ignore, code);
  });
}

std::optional<toml::table> parse_toml(const std::string& text, const std::string& name) {
  try {
    check_toml_nesting(text, name);
    return toml::parse(text, name);
  } catch (const UsageError&) {
    return std::nullopt;
  } catch (const toml::parse_error&) {
    return std::nullopt; // roles/project_settings notes a file that is not TOML
  }
}

// Codes as INI values write them: "D1, D203" or one a line.
std::vector<std::string> code_list(const std::string& text) {
  std::string spaced = text;
  std::replace(spaced.begin(), spaced.end(), ',', ' ');
  return words(spaced);
}

// Ruff's selection in one of its configuration tables ([tool.ruff], or a ruff.toml's root).
std::optional<std::string> ruff_asks(const toml::table& ruff, const std::string& name) {
  const toml::table* lint = ruff.get_as<toml::table>("lint");
  auto both = [&](const char* key) {
    std::vector<std::string> out = toml_words(ruff.get(key));
    if (lint != nullptr) {
      auto more = toml_words(lint->get(key));
      out.insert(out.end(), more.begin(), more.end());
    }
    return out;
  };
  std::vector<std::string> select = {"E4", "E7", "E9", "F"}; // Ruff's default
  if (lint != nullptr && lint->contains("select"))
    select = toml_words(lint->get("select"));
  else if (ruff.contains("select"))
    select = toml_words(ruff.get("select"));
  auto extend = both("extend-select");
  select.insert(select.end(), extend.begin(), extend.end());
  std::vector<std::string> ignore = both("ignore");
  auto extend_ignore = both("extend-ignore");
  ignore.insert(ignore.end(), extend_ignore.begin(), extend_ignore.end());
  if (!selects_function_rule(select, ignore)) return std::nullopt;
  return name + " (Ruff's D102/D103)";
}

std::optional<std::string> read_ruff(const git::Snapshot& source, const std::optional<toml::table>& pyproject) {
  for (const std::string name : {"ruff.toml", ".ruff.toml"}) {
    auto text = read_settings_file(source, name);
    if (!text) continue;
    auto table = parse_toml(*text, name);
    return table ? ruff_asks(*table, name) : std::nullopt; // Ruff's own order: ruff.toml wins
  }
  if (!pyproject) return std::nullopt;
  const toml::table* ruff = pyproject->at_path("tool.ruff").as_table();
  return ruff != nullptr ? ruff_asks(*ruff, "pyproject.toml [tool.ruff]") : std::nullopt;
}

// pydocstyle's settings: `get` returns a key's value ("select", "ignore", "add-ignore"), empty
// when absent. By default it checks every D rule.
bool pydocstyle_selects(const std::function<std::string(const char*)>& get) {
  std::vector<std::string> select = {"D"};
  if (auto chosen = get("select"); !chosen.empty()) select = code_list(chosen);
  std::vector<std::string> ignore;
  for (const char* key : {"ignore", "add-ignore", "add_ignore"}) {
    auto codes = code_list(get(key));
    ignore.insert(ignore.end(), codes.begin(), codes.end());
  }
  return selects_function_rule(select, ignore);
}

// The hook ids .pre-commit-config.yaml runs.
std::vector<std::string> pre_commit_hooks(const git::Snapshot& source) {
  std::vector<std::string> ids;
  auto text = read_settings_file(source, ".pre-commit-config.yaml");
  if (!text) return ids;
  try {
    YAML::Node root = YAML::Load(*text);
    if (!root.IsMap() || !root["repos"] || !root["repos"].IsSequence()) return ids;
    for (const auto& repo : root["repos"]) {
      if (!repo.IsMap() || !repo["hooks"] || !repo["hooks"].IsSequence()) continue;
      for (const auto& hook : repo["hooks"])
        if (hook.IsMap() && hook["id"] && hook["id"].IsScalar()) ids.push_back(hook["id"].Scalar());
    }
  } catch (const YAML::Exception&) {
    return ids; // roles/project_settings notes a file that is not YAML
  }
  return ids;
}

std::optional<std::string> read_pydocstyle(const git::Snapshot& source, const std::optional<toml::table>& pyproject,
                                           bool hook) {
  // Its own search order: the first file with its section configures it.
  for (const std::string name :
       {"setup.cfg", "tox.ini", ".pydocstyle", ".pydocstyle.ini", ".pydocstylerc", ".pydocstylerc.ini"}) {
    auto text = read_settings_file(source, name);
    if (!text) continue;
    auto keys = ini_section(*text, "pydocstyle");
    if (!keys) continue;
    bool asks = pydocstyle_selects([&](const char* key) {
      auto it = keys->find(key);
      return it == keys->end() ? std::string() : it->second;
    });
    return asks ? std::optional<std::string>(name + " [pydocstyle]") : std::nullopt;
  }
  if (pyproject) {
    if (const toml::table* table = pyproject->at_path("tool.pydocstyle").as_table()) {
      bool asks = pydocstyle_selects([&](const char* key) { return util::join(toml_words(table->get(key)), ","); });
      return asks ? std::optional<std::string>("pyproject.toml [tool.pydocstyle]") : std::nullopt;
    }
  }
  if (hook) return ".pre-commit-config.yaml's pydocstyle hook";
  return std::nullopt;
}

std::optional<std::string> read_interrogate(const git::Snapshot& source, const std::optional<toml::table>& pyproject,
                                            bool hook) {
  if (pyproject && pyproject->at_path("tool.interrogate").is_table()) return "pyproject.toml [tool.interrogate]";
  if (auto text = read_settings_file(source, "setup.cfg"); text && ini_section(*text, "tool:interrogate"))
    return "setup.cfg [tool:interrogate]";
  if (hook) return ".pre-commit-config.yaml's interrogate hook";
  return std::nullopt;
}

} // namespace

std::optional<std::string> docstring_requirement(const git::Snapshot& source) {
  std::optional<toml::table> pyproject;
  if (auto text = read_settings_file(source, "pyproject.toml")) pyproject = parse_toml(*text, "pyproject.toml");
  auto hooks = pre_commit_hooks(source);
  auto hooked = [&](std::string_view id) { return std::find(hooks.begin(), hooks.end(), id) != hooks.end(); };
  if (auto ruff = read_ruff(source, pyproject)) return ruff;
  if (auto pydocstyle = read_pydocstyle(source, pyproject, hooked("pydocstyle"))) return pydocstyle;
  return read_interrogate(source, pyproject, hooked("interrogate"));
}

} // namespace codegate::roles
