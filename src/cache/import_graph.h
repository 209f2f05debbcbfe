#pragma once
// Which repository modules a Python file reads when Pylint analyses it: the modules it imports,
// transitively, with the packages (__init__.py) on the way. Pylint's inference reads them, so
// their content is part of a file's result-cache key. Deliberately generous: a module name
// that several files could be (src/pkg/a.py and pkg/a.py are both "pkg.a", as either directory
// may be on sys.path) depends on all of them; a needless dependency only costs a re-analysis.

#include <map>
#include <set>
#include <string>
#include <vector>

namespace codegate::cache {

class ImportGraph {
public:
  // `files`: every repository Python file.
  explicit ImportGraph(const std::vector<std::string>& files);

  // The import names the source index read from `path` (python::SourceIndex::imports: "a.b",
  // relative ones with their dots, "..c"); a file never added imports nothing.
  void add_imports(const std::string& path, const std::vector<std::string>& names);
  // The repository files `path` imports directly.
  const std::set<std::string>& direct(const std::string& path) const;
  // The repository files `path` depends on, transitively, itself excluded, sorted.
  std::set<std::string> dependencies(const std::string& path) const;
  // The files one import name of `path` may be, with the packages importing it runs.
  std::set<std::string> resolve(const std::string& path, const std::string& name) const;
  // The files the module one import name of `path` names may be, without those packages.
  std::set<std::string> module_files(const std::string& path, const std::string& name) const;

private:
  static std::vector<std::string> absolute_parts(const std::string& path, const std::string& name);

  std::map<std::string, std::set<std::string>> files_by_module_; // every dotted suffix of a path
  std::map<std::string, std::set<std::string>> direct_;          // path -> the files it imports
};

// The files a literal path that code loads (runpy.run_path("tools/x.py"), python::SourceIndex::
// loaded_paths) may be, of `files`: the process's working directory is unknown, so the path is
// taken from the root, from `importer`'s directory, and as the end of any file's path; a
// directory is its __main__.py. Absolute paths name no repository file.
std::set<std::string> resolve_loaded_path(const std::string& importer, const std::string& literal,
                                          const std::vector<std::string>& files);

// The module name of a path ("src/pkg/__init__.py" -> "src.pkg", "a/b.py" -> "a.b").
std::string module_of_path(const std::string& path);

} // namespace codegate::cache
