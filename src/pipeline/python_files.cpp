#include "pipeline/python_files.h"

#include <cctype>
#include <vector>

namespace codegate {
namespace {

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

std::string_view basename(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// python, python3, python3.11, pythonw (the console-less one), pypy, pypy3.10.
bool is_python_interpreter(std::string_view name) {
  for (std::string_view family : {"python", "pypy"}) {
    if (name.substr(0, family.size()) != family) continue;
    std::string_view rest = name.substr(family.size());
    if (!rest.empty() && rest.back() == 'w') rest.remove_suffix(1);
    bool version = true;
    for (char c : rest) version = version && (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.');
    if (version) return true;
  }
  return false;
}

} // namespace

bool has_python_suffix(std::string_view path) {
  auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  return ends_with(".py") || ends_with(".pyi");
}

bool is_compiled_module(std::string_view path) {
  for (std::string_view suffix : {".pyc", ".pyo", ".so", ".pyd"})
    if (path.size() > suffix.size() && path.substr(path.size() - suffix.size()) == suffix) return true;
  return false;
}

bool has_python_shebang(std::string_view content) {
  if (content.substr(0, 2) != "#!") return false;
  auto newline = content.find('\n');
  std::string_view line = content.substr(2, newline == std::string_view::npos ? newline : newline - 2);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  auto argv = words(line);
  std::size_t i = 0;
  if (i < argv.size() && basename(argv[i]) == "env") {
    ++i; // env's options (-S, -i, -u NAME...) and NAME=value assignments come before the program
    while (i < argv.size() && (argv[i].front() == '-' || argv[i].find('=') != std::string_view::npos)) {
      if (argv[i] == "-u" || argv[i] == "--unset") ++i; // takes a variable name
      ++i;
    }
  }
  return i < argv.size() && is_python_interpreter(basename(argv[i]));
}

} // namespace codegate
