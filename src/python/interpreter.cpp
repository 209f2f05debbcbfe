#include "python/interpreter.h"

#include <fstream>
#include <vector>

#include "util/strings.h"
#include "util/subprocess.h"

namespace codegate::python {
namespace {

bool names_python(std::string_view program) {
  auto slash = program.rfind('/');
  std::string_view base = slash == std::string_view::npos ? program : program.substr(slash + 1);
  return base.rfind("python", 0) == 0;
}

std::string resolve() {
  std::string pylint = util::find_program("pylint");
  if (!pylint.empty()) {
    std::ifstream in(pylint, std::ios::binary);
    std::string first;
    if (in && std::getline(in, first)) {
      std::string python = python_of_shebang(first);
      if (!python.empty()) return python;
    }
  }
  return "python3";
}

} // namespace

std::string python_of_shebang(std::string_view line) {
  if (line.rfind("#!", 0) != 0) return "";
  std::vector<std::string> words = util::split_nonempty(util::replace_all(line.substr(2), "\t", " "), ' ');
  if (words.empty() || words.front().front() != '/') return "";
  std::string program = words.front();
  if (program.size() >= 4 && program.compare(program.size() - 4, 4, "/env") == 0) {
    if (words.size() < 2 || words[1].front() == '-') return "";
    program = words[1];
  }
  return names_python(program) ? program : "";
}

const std::string& interpreter() {
  static const std::string resolved = resolve();
  return resolved;
}

} // namespace codegate::python
