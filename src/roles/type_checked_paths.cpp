#include "roles/type_checked_paths.h"

#include <algorithm>
#include <cctype>

#include "util/strings.h"

namespace codegate::roles {
namespace {

constexpr std::size_t k_max_command_file_bytes = 1024 * 1024;

std::string_view basename(std::string_view word) {
  auto slash = word.rfind('/');
  return slash == std::string_view::npos ? word : word.substr(slash + 1);
}

// The programs whose arguments are type-checked; pyrefly and ty take a `check` subcommand first.
bool is_type_checker(std::string_view word) {
  std::string_view name = basename(word);
  return name == "mypy" || name == "dmypy" || name == "pyright" || name == "basedpyright" || name == "pyrefly" ||
         name == "pytype" || name == "ty";
}

// Programs that import or run the files they are given: a line with one names code that runs.
bool runs_code(std::string_view word) {
  std::string_view name = basename(word);
  return name == "python" || name == "python3" || name == "pypy3" || name == "pytest" || name == "py.test" ||
         name == "coverage" || name.starts_with("python3.");
}

// The type checkers' options that take the next word as their value (a configuration file, a
// module, a version), so that it is not read as a path.
bool takes_value(std::string_view option) {
  static const std::string_view options[] = {"--config-file",
                                             "--cache-dir",
                                             "--python-version",
                                             "--python-executable",
                                             "-p",
                                             "--package",
                                             "-m",
                                             "--module",
                                             "-c",
                                             "--command",
                                             "--exclude",
                                             "--platform",
                                             "--junit-xml",
                                             "--custom-typeshed-dir",
                                             "--project",
                                             "--pythonpath",
                                             "--pythonversion",
                                             "--pythonplatform",
                                             "--venvpath",
                                             "--level",
                                             "--config",
                                             "--search-path",
                                             "--project-excludes",
                                             "--output-format",
                                             "-o",
                                             "--output",
                                             "-d",
                                             "--disable",
                                             "-V",
                                             "-P",
                                             "-j",
                                             "--jobs",
                                             "--imports_info",
                                             "--threads",
                                             "-t",
                                             "--typeshed-path",
                                             "--site-package-path"};
  return std::find(std::begin(options), std::end(options), option) != std::end(options);
}

bool separator(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0 || c == '"' || c == '\'' || c == ',' || c == '[' ||
         c == ']' || c == '(' || c == ')';
}

// A line's words: white space, quotes, commas, brackets and parentheses separate them, so that a
// shell line, a TOML array and a nox `session.run("mypy", "x")` read alike.
std::vector<std::string> line_words(std::string_view line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && separator(line[i])) ++i;
    std::size_t start = i;
    while (i < line.size() && !separator(line[i])) ++i;
    if (i > start) out.emplace_back(line.substr(start, i - start));
  }
  return out;
}

bool ends_command(std::string_view word) {
  return word == "&&" || word == "||" || word == ";" || word == "|" || word.starts_with("#");
}

// "./typing-examples/" -> "typing-examples"; "" for the root.
std::string normal_path(std::string path) {
  while (path.starts_with("./")) path.erase(0, 2);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path == "." ? "" : path;
}

bool under(const std::string& path, const std::string& directory) {
  return path == directory || path.starts_with(directory + "/");
}

std::string parent_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// Where the commands are: tox, nox, the CI's workflows and pre-commit; pyproject.toml's only in
// its [tool.tox] tables (elsewhere a line such as `mypy = ["mypy"]` is a dependency group).
std::vector<std::pair<std::string, std::string>> command_texts(const git::Snapshot& source,
                                                               const std::vector<std::string>& files) {
  std::vector<std::pair<std::string, std::string>> out;
  auto take = [&](const std::string& path) {
    auto text = source.read(path);
    if (text && text->size() <= k_max_command_file_bytes) out.emplace_back(path, std::move(*text));
  };
  for (const char* name : {"tox.ini", "tox.toml", "noxfile.py", ".pre-commit-config.yaml"}) take(name);
  for (const auto& path : files)
    if (path.starts_with(".github/workflows/") && (path.ends_with(".yml") || path.ends_with(".yaml"))) take(path);
  if (auto pyproject = source.read("pyproject.toml"); pyproject && pyproject->size() <= k_max_command_file_bytes) {
    std::string tox;
    bool inside = false;
    for (auto line : util::split_lines(*pyproject)) {
      auto trimmed = util::trim(line);
      if (trimmed.starts_with("[")) inside = trimmed.find("tool.tox") != std::string_view::npos;
      if (inside) tox += std::string(line) + "\n";
    }
    if (!tox.empty()) out.emplace_back("pyproject.toml", std::move(tox));
  }
  return out;
}

} // namespace

CommandScan scan_type_checker_commands(const std::string& text) {
  CommandScan scan;
  for (auto line : util::split_lines(text)) {
    std::vector<std::string> words = line_words(line);
    auto checker = std::find_if(words.begin(), words.end(), [](const std::string& w) { return is_type_checker(w); });
    if (checker == words.end()) {
      scan.others.push_back(std::move(words));
      continue;
    }
    std::string command(util::trim(line));
    bool subcommand = basename(*checker) == "pyrefly" || basename(*checker) == "ty";
    for (auto word = checker + 1; word != words.end() && !ends_command(*word); ++word) {
      if (subcommand && *word == "check") continue;
      if (word->starts_with("-")) {
        if (takes_value(*word) && word + 1 != words.end()) ++word;
        continue;
      }
      if (word->find_first_of("{}$=:*?") != std::string::npos) continue; // a substitution, a key, a glob
      scan.named.push_back({*word, command});
    }
  }
  return scan;
}

std::vector<TypeCheckedPath> read_type_checked_paths(const git::Snapshot& source,
                                                     const std::vector<std::string>& files) {
  std::vector<std::pair<std::string, CommandScan>> scans;
  for (const auto& [name, text] : command_texts(source, files))
    scans.emplace_back(name, scan_type_checker_commands(text));
  auto run_elsewhere = [&](const std::string& path) {
    for (const auto& [name, scan] : scans)
      for (const auto& words : scan.others)
        if (std::any_of(words.begin(), words.end(), runs_code) &&
            std::any_of(words.begin(), words.end(), [&](const std::string& w) {
              std::string named = normal_path(w);
              return !named.empty() && (under(named, path) || under(path, named));
            }))
          return true;
    return false;
  };
  std::vector<TypeCheckedPath> out;
  for (const auto& [name, scan] : scans) {
    for (const auto& named : scan.named) {
      std::string path = normal_path(named.argument);
      if (path.empty() || path.starts_with("/") || path.find("..") != std::string::npos) continue;
      if (std::any_of(out.begin(), out.end(), [&](const TypeCheckedPath& p) { return p.path == path; })) continue;
      if (std::none_of(files.begin(), files.end(), [&](const std::string& f) { return under(f, path); })) continue;
      if (run_elsewhere(path)) continue;
      TypeCheckedPath checked{path, "a type checker's command in " + name + ": " + named.command, {}};
      for (const auto& f : files) {
        if (basename(f) != "__init__.py" && basename(f) != "__init__.pyi") continue;
        std::string directory = parent_of(f);
        if (under(directory, path) || under(path, directory)) checked.packages.insert(directory);
      }
      out.push_back(std::move(checked));
    }
  }
  return out;
}

bool is_type_checked_only(const TypeCheckedPath& checked, const std::string& path, const std::string& content) {
  if (!under(path, checked.path) || basename(path).starts_with("__init__.")) return false;
  for (std::string directory = parent_of(path); !directory.empty(); directory = parent_of(directory))
    if (checked.packages.count(directory) != 0) return false;
  if (content.starts_with("#!")) return false;
  for (auto line : util::split_lines(content)) {
    auto trimmed = util::trim(line);
    if (trimmed.starts_with("if") && trimmed.find("__name__") != std::string_view::npos &&
        trimmed.find("__main__") != std::string_view::npos)
      return false;
  }
  return true;
}

} // namespace codegate::roles
