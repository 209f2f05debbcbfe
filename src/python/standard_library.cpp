#include "python/standard_library.h"

#include <chrono>

#include "python/interpreter.h"
#include "util/strings.h"
#include "util/subprocess.h"

namespace codegate::python {
namespace {

std::optional<std::set<std::string>> ask_python() {
  util::ProcessOptions options;
  options.timeout = std::chrono::seconds(60);
  // -I: isolated, so nothing of the analysed tree or the environment is imported.
  auto result =
      util::run_process({interpreter(), "-I", "-c", "import sys; print('\\n'.join(sys.stdlib_module_names))"}, options);
  if (!result || result->exit_code != 0) return std::nullopt;
  std::set<std::string> names;
  for (auto line : util::split_lines(result->out))
    if (!line.empty()) names.emplace(line);
  if (names.empty()) return std::nullopt;
  return names;
}

} // namespace

const std::optional<std::set<std::string>>& standard_library_modules() {
  static const std::optional<std::set<std::string>> names = ask_python();
  return names;
}

} // namespace codegate::python
