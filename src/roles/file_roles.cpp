#include "roles/file_roles.h"

#include "util/glob.h"
#include "util/strings.h"

namespace codegate::roles {
namespace {

constexpr int k_marker_lines = 5;

// A directory-or-file setting (Ruff's exclude, Bandit's exclude_dirs) matches the path or any of
// the directories it lies in.
bool matches_path_or_parent(const std::vector<std::string>& globs, const std::string& path) {
  std::string_view prefix = path;
  while (!prefix.empty()) {
    if (util::glob_match_any(globs, prefix)) return true;
    auto slash = prefix.rfind('/');
    if (slash == std::string_view::npos) break;
    prefix = prefix.substr(0, slash);
  }
  return false;
}

bool in_directory_named(const std::string& path, std::string_view name) {
  std::string segment = "/" + std::string(name) + "/";
  return path.rfind(segment.substr(1), 0) == 0 || path.find(segment) != std::string::npos;
}

std::string_view basename(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

} // namespace

bool has_generated_marker(const std::string& content) {
  auto lines = util::split_lines(std::string_view(content).substr(0, 4096));
  for (std::size_t n = 0; n < lines.size() && n < k_marker_lines; ++n) {
    if (lines[n].find("@generated") != std::string_view::npos || lines[n].find("DO NOT EDIT") != std::string_view::npos)
      return true;
  }
  return false;
}

FileRoles::FileRoles(const RolesConfig& config, ProjectSettings settings)
    : config_(config), settings_(std::move(settings)) {}

RoleDecision FileRoles::classify(const std::string& path, const std::string& content,
                                 const std::optional<std::string>& base_content) const {
  for (FileRole role :
       {FileRole::product, FileRole::excluded, FileRole::vendored, FileRole::generated, FileRole::test}) {
    auto globs = config_.globs.find(role);
    if (globs != config_.globs.end() && util::glob_match_any(globs->second, path))
      return {role, "roles: " + std::string(to_string(role)) + " in the configuration"};
  }
  std::optional<RoleDecision> linguist;
  for (const auto& attribute : settings_.linguist) {
    if (!util::glob_match(attribute.pattern, path) && !matches_path_or_parent({attribute.pattern}, path)) continue;
    if (!attribute.set) {
      linguist.reset();
      continue;
    }
    linguist = attribute.generated ? RoleDecision{FileRole::generated, ".gitattributes linguist-generated"}
                                   : RoleDecision{FileRole::vendored, ".gitattributes linguist-vendored"};
  }
  if (linguist) return *linguist;
  if (settings_.pre_commit_exclude && std::regex_search(path, *settings_.pre_commit_exclude))
    return {FileRole::excluded, ".pre-commit-config.yaml exclude"};
  if (matches_path_or_parent(settings_.ruff_exclude.globs, path))
    return {FileRole::excluded, settings_.ruff_exclude.source + " exclude"};
  for (const auto& excluded : settings_.tool_excludes)
    if (matches_path_or_parent(excluded.globs, path)) return {FileRole::excluded, excluded.source};
  if (has_generated_marker(content) && base_content && has_generated_marker(*base_content))
    return {FileRole::generated, "a generated-code marker in its first lines, at the base too"};

  std::string_view name = basename(path);
  for (const auto& dir : settings_.testpaths) {
    std::string prefix = dir;
    while (prefix.rfind("./", 0) == 0) prefix.erase(0, 2);
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    if (!prefix.empty() && prefix != "." && path.rfind(prefix + "/", 0) == 0)
      return {FileRole::test, "pytest testpaths in " + settings_.pytest_source};
  }
  for (const auto& glob : settings_.python_files) {
    if (util::glob_match(glob, name)) {
      return {FileRole::test, settings_.pytest_source.empty() ? "the common layout (" + glob + ")"
                                                              : "pytest python_files in " + settings_.pytest_source};
    }
  }
  if (name == "conftest.py") return {FileRole::test, "the common layout (conftest.py)"};
  for (std::string_view dir : {"tests", "test", "testing"})
    if (in_directory_named(path, dir))
      return {FileRole::test, "the common layout (a " + std::string(dir) + "/ directory)"};
  return {};
}

} // namespace codegate::roles
