#include "roles/pytest_collection.h"

#include <fnmatch.h>

#include <vector>

#include "util/glob.h"
#include "util/strings.h"

namespace codegate::roles {
namespace {

// A path as pytest's settings write it, made repository-relative: "./tests/" -> "tests", "." -> "".
std::string normalized(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path == "." || path == "/") return "";
  return path;
}

// Python's fnmatch.fnmatch: '*' matches '/' too.
bool fnmatch_any_char(const std::string& pattern, const std::string& text) {
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

std::string basename(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// pytest's fnmatch_ex: a pattern without '/' matches the name; one with a '/' matches the absolute
// path, with "*/" put in front of a relative pattern.
bool fnmatch_ex(const std::string& pattern, const std::string& path) {
  if (pattern.find('/') == std::string::npos) return fnmatch_any_char(pattern, basename(path));
  std::string absolute = "/" + path;
  return fnmatch_any_char(pattern.front() == '/' ? pattern : "*/" + pattern, absolute);
}

// Python's glob.glob(pattern, recursive=True) for one path: '*' within a segment, '**' across.
bool glob_names(const std::string& pattern, const std::string& path) {
  if (pattern.empty()) return path.empty();
  if (pattern.find('/') == std::string::npos)
    return path.find('/') == std::string::npos && util::glob_match(pattern, path);
  return util::glob_match(pattern, path);
}

// The path and each directory it lies in, shortest first: "a", "a/b", "a/b/c.py".
std::vector<std::string> prefixes(const std::string& path) {
  std::vector<std::string> out;
  for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
    out.push_back(path.substr(0, slash));
  out.push_back(path);
  return out;
}

bool ignored(const PytestSettings& settings, const std::string& entry, bool directory) {
  for (const auto& ignore : settings.ignore)
    if (normalized(ignore) == entry) return true;
  for (const auto& glob : settings.ignore_glob)
    if (fnmatch_any_char("/" + normalized(glob), "/" + entry)) return true;
  if (directory) {
    if (basename(entry) == "__pycache__") return true;
    for (const auto& pattern : settings.norecursedirs)
      if (fnmatch_ex(pattern, entry)) return true;
  }
  return false;
}

bool deselected(const PytestSettings& settings, const std::string& path) {
  // Every node id of the module starts with "path::"; a prefix of that deselects them all.
  std::string module = path + "::";
  for (const auto& prefix : settings.deselect) {
    std::string id = prefix;
    while (id.rfind("./", 0) == 0) id.erase(0, 2);
    if (!id.empty() && module.rfind(id, 0) == 0) return true;
  }
  return false;
}

} // namespace

PytestCollection pytest_collection(const PytestSettings& settings, const std::string& path) {
  std::vector<std::string> starts = !settings.args.empty() ? settings.args : settings.testpaths;
  if (starts.empty()) starts.emplace_back("");
  auto entries = prefixes(path);
  PytestCollection out;
  for (const auto& raw : starts) {
    std::string start = normalized(raw);
    // The start: the root, or the entry (a directory the path lies in, or the file) it names.
    std::size_t first = 0; // entries[first..] lie below the start
    bool found = start.empty();
    for (std::size_t i = 0; !found && i < entries.size(); ++i) {
      if (glob_names(start, entries[i])) {
        found = true;
        first = i + 1;
      }
    }
    if (!found) continue;
    bool named = first == entries.size();
    bool kept = true;
    for (std::size_t i = first; kept && i < entries.size(); ++i)
      kept = !ignored(settings, entries[i], i + 1 < entries.size());
    if (!kept) continue;
    out.reached = true;
    bool module = named;
    for (const auto& pattern : settings.python_files) module = module || fnmatch_ex(pattern, path);
    module = module && path.ends_with(".py");
    if (!module) continue;
    if (deselected(settings, path)) {
      out.deselected = true;
      continue;
    }
    out.test_module = true;
    out.named = out.named || named;
  }
  return out;
}

} // namespace codegate::roles
