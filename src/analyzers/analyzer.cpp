#include "analyzers/analyzer.h"

namespace codegate {

std::string normalise_tool_path(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  return path;
}

std::string file_argument(const std::string& path) { return "./" + path; }

} // namespace codegate
