#include "util/glob.h"

#include <fnmatch.h>

#include <string>

namespace codegate::util {
namespace {

// Matches `pattern` against `path` segment by segment so that `**` can span directories.
bool match_segments(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return path.empty();
  std::size_t slash = pattern.find('/');
  std::string_view head = pattern.substr(0, slash);
  std::string_view rest = slash == std::string_view::npos ? std::string_view{} : pattern.substr(slash + 1);
  if (head == "**") {
    if (rest.empty()) return true;
    for (std::size_t pos = 0;;) {
      if (match_segments(rest, path.substr(pos))) return true;
      std::size_t next = path.find('/', pos);
      if (next == std::string_view::npos) return false;
      pos = next + 1;
    }
  }
  std::size_t path_slash = path.find('/');
  std::string segment(path.substr(0, path_slash));
  if (fnmatch(std::string(head).c_str(), segment.c_str(), 0) != 0) return false;
  if (slash == std::string_view::npos) return path_slash == std::string_view::npos;
  if (path_slash == std::string_view::npos) return rest == "**";
  return match_segments(rest, path.substr(path_slash + 1));
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.find('/') == std::string_view::npos) {
    std::size_t slash = path.rfind('/');
    std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
    return fnmatch(std::string(pattern).c_str(), name.c_str(), 0) == 0;
  }
  if (pattern.substr(0, 2) == "./") pattern.remove_prefix(2);
  return match_segments(pattern, path);
}

bool glob_match_any(const std::vector<std::string>& patterns, std::string_view path) {
  for (const auto& pattern : patterns)
    if (glob_match(pattern, path)) return true;
  return false;
}

} // namespace codegate::util
