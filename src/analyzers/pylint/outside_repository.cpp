#include "analyzers/pylint/outside_repository.h"

#include <map>
#include <regex>

#include "analyzers/pylint/pylint_analyzer.h"
#include "util/strings.h"

namespace codegate {
namespace {

std::string strip_suffix(const std::string& name) {
  for (std::string_view suffix : {".pyi", ".py"}) {
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

std::vector<std::string> path_parts(const std::string& path) { return util::split_nonempty(path, '/'); }

std::string top_level(const std::string& module) { return module.substr(0, module.find('.')); }

std::string parent_of(const std::string& module) {
  auto dot = module.rfind('.');
  return dot == std::string::npos ? "" : module.substr(0, dot);
}

} // namespace

RepositoryModules::RepositoryModules(const std::vector<std::string>& python_files) {
  std::map<std::string, bool> directories; // dotted name -> some file says it has an __init__.py
  for (const auto& path : python_files) {
    std::vector<std::string> parts = path_parts(path);
    if (parts.empty()) continue;
    bool is_init = parts.back() == "__init__.py" || parts.back() == "__init__.pyi";
    parts.back() = strip_suffix(parts.back());
    // Every suffix of every prefix is a name some source root could give it.
    for (std::size_t end = 1; end <= parts.size(); ++end) {
      bool is_file = end == parts.size();
      if (is_file && is_init) continue;
      for (std::size_t start = 0; start < end; ++start) {
        std::string name;
        for (std::size_t i = start; i < end; ++i) name += (i > start ? "." : "") + parts[i];
        provided_.insert(name);
        if (is_file) {
          complete_.insert(name);
        } else {
          directories[name] |= is_init && end == parts.size() - 1;
        }
      }
    }
  }
  for (const auto& [name, has_init] : directories) {
    if (has_init) {
      complete_.insert(name);
    } else {
      namespaces_.insert(name);
    }
  }
}

bool RepositoryModules::provides(const std::string& module) const { return provided_.count(module) != 0; }
bool RepositoryModules::is_complete(const std::string& module) const {
  return complete_.count(module) != 0 && namespaces_.count(module) == 0;
}

std::string uninspectable_module(const Finding& f) {
  if (f.tool != k_pylint_tool) return "";
  static const std::regex no_name(R"(^No name '([^']+)' in module '([^']+)')");
  static const std::regex no_member(R"(^Module '([^']+)' has no '([^']+)' member)");
  static const std::regex no_import(R"(^Unable to import '([^']+)')");
  std::smatch match;
  if (f.rule_id == "E0611" && std::regex_search(f.message, match, no_name))
    return match[2].str() + "." + match[1].str();
  if (f.rule_id == "E1101" && std::regex_search(f.message, match, no_member))
    return match[1].str() + "." + match[2].str();
  if (f.rule_id == "E0401" && std::regex_search(f.message, match, no_import)) return match[1].str();
  return "";
}

void mark_outside_repository(std::vector<Finding>& findings, const RepositoryModules& modules,
                             const std::set<std::string>& standard_library) {
  for (auto& f : findings) {
    std::string module = uninspectable_module(f);
    if (module.empty()) continue;
    if (modules.provides(module)) {
      f.advisory = "the repository has '" + module +
                   "', but Pylint resolved its package to another module (a namespace-package layout)";
    } else {
      std::string parent = parent_of(module);
      if (!parent.empty() && modules.is_complete(parent)) continue;
      if (standard_library.count(top_level(module)) != 0) continue;
      f.advisory = "'" + module +
                   "' is not part of the repository, and the gate's machine does not have the project's "
                   "dependencies, so Pylint could not inspect it";
    }
    f.level = Level::note;
  }
}

} // namespace codegate
