#include "cache/import_graph.h"

#include <deque>
#include <optional>

#include "util/strings.h"

namespace codegate::cache {
namespace {

std::vector<std::string> components(const std::string& dotted) { return util::split_nonempty(dotted, '.'); }

std::string joined(const std::vector<std::string>& parts, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += (i == 0 ? "" : ".") + parts[i];
  return out;
}

bool is_package_init(const std::string& path) {
  return path == "__init__.py" || path == "__init__.pyi" || path.ends_with("/__init__.py") ||
         path.ends_with("/__init__.pyi");
}

} // namespace

std::string module_of_path(const std::string& path) {
  std::string stem = path;
  if (stem.ends_with(".pyi"))
    stem.resize(stem.size() - 4);
  else if (stem.ends_with(".py"))
    stem.resize(stem.size() - 3);
  if (stem == "__init__") return "";
  if (stem.ends_with("/__init__")) stem.resize(stem.size() - 9);
  for (auto& c : stem)
    if (c == '/') c = '.';
  return stem;
}

ImportGraph::ImportGraph(const std::vector<std::string>& files) {
  for (const auto& path : files) {
    auto parts = components(module_of_path(path));
    // Every suffix: any directory of the path may be the one on sys.path.
    for (std::size_t start = 0; start < parts.size(); ++start) {
      std::vector<std::string> suffix(parts.begin() + static_cast<std::ptrdiff_t>(start), parts.end());
      files_by_module_[joined(suffix, suffix.size())].insert(path);
    }
  }
}

void ImportGraph::add_imports(const std::string& path, const std::vector<std::string>& names) {
  auto& direct = direct_[path];
  for (const auto& name : names) {
    auto files = resolve(path, name);
    direct.insert(files.begin(), files.end());
  }
  direct.erase(path);
}

const std::set<std::string>& ImportGraph::direct(const std::string& path) const {
  static const std::set<std::string> none;
  auto it = direct_.find(path);
  return it != direct_.end() ? it->second : none;
}

std::vector<std::string> ImportGraph::absolute_parts(const std::string& path, const std::string& name) {
  std::size_t level = 0;
  while (level < name.size() && name[level] == '.') ++level;
  std::vector<std::string> parts;
  if (level > 0) {
    // The package the file is in; each further dot goes one package up.
    parts = components(module_of_path(path));
    if (!is_package_init(path) && !parts.empty()) parts.pop_back();
    for (std::size_t up = 1; up < level && !parts.empty(); ++up) parts.pop_back();
  }
  for (auto& part : components(name.substr(level))) parts.push_back(std::move(part));
  return parts;
}

std::set<std::string> ImportGraph::resolve(const std::string& path, const std::string& name) const {
  const std::vector<std::string> parts = absolute_parts(path, name);
  std::set<std::string> out;
  // Importing a.b.c runs a/__init__.py and a/b/__init__.py first.
  for (std::size_t count = parts.size(); count > 0; --count) {
    auto files = files_by_module_.find(joined(parts, count));
    if (files != files_by_module_.end()) out.insert(files->second.begin(), files->second.end());
  }
  return out;
}

std::set<std::string> ImportGraph::module_files(const std::string& path, const std::string& name) const {
  const std::vector<std::string> parts = absolute_parts(path, name);
  if (parts.empty()) return {};
  auto files = files_by_module_.find(joined(parts, parts.size()));
  return files == files_by_module_.end() ? std::set<std::string>{} : files->second;
}

std::set<std::string> ImportGraph::dependencies(const std::string& path) const {
  std::set<std::string> seen;
  std::deque<std::string> queue{path};
  while (!queue.empty()) {
    auto direct = direct_.find(queue.front());
    queue.pop_front();
    if (direct == direct_.end()) continue;
    for (const auto& file : direct->second)
      if (file != path && seen.insert(file).second) queue.push_back(file);
  }
  return seen;
}

std::set<std::string> resolve_loaded_path(const std::string& importer, const std::string& literal,
                                          const std::vector<std::string>& files) {
  std::set<std::string> out;
  if (literal.empty() || literal.front() == '/') return out;
  // "a/./b/../c.py" -> "a/c.py"; nullopt when it climbs above where it starts.
  auto normal = [](const std::string& path) -> std::optional<std::string> {
    std::vector<std::string> parts;
    for (auto& part : util::split_nonempty(path, '/')) {
      if (part == ".") continue;
      if (part == "..") {
        if (parts.empty()) return std::nullopt;
        parts.pop_back();
        continue;
      }
      parts.push_back(std::move(part));
    }
    return util::join(parts, "/");
  };
  std::vector<std::string> wanted;
  if (auto from_root = normal(literal)) wanted.push_back(*from_root);
  auto slash = importer.rfind('/');
  if (slash != std::string::npos)
    if (auto from_importer = normal(importer.substr(0, slash + 1) + literal)) wanted.push_back(*from_importer);
  for (const auto& path : files) {
    for (const auto& want : wanted) {
      if (want.empty()) continue;
      for (const std::string& name : {want, want + "/__main__.py"}) {
        if (path == name || (path.size() > name.size() && path.ends_with("/" + name))) out.insert(path);
      }
    }
  }
  return out;
}

} // namespace codegate::cache
