#include "pipeline/roles_step.h"

#include <algorithm>
#include <set>

#include "cache/import_graph.h"
#include "python/source_index.h"
#include "registry/registry.h"
#include "util/glob.h"
#include "util/strings.h"

namespace codegate {
namespace {

// Whether `content` has an import line that names `module` (a module's last dotted part): the
// cheap look before the source index resolves a file's imports.
bool mentions_import_of(std::string_view content, std::string_view module) {
  for (auto line : util::split_lines(content)) {
    auto text = util::trim(line);
    if (text.rfind("import ", 0) != 0 && text.rfind("from ", 0) != 0) continue;
    for (auto at = text.find(module); at != std::string_view::npos; at = text.find(module, at + 1)) {
      auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
      bool starts = at == 0 || !word(text[at - 1]);
      bool ends = at + module.size() >= text.size() || !word(text[at + module.size()]);
      if (starts && ends) return true;
    }
  }
  return false;
}

std::string last_part(const std::string& module) {
  auto dot = module.rfind('.');
  return dot == std::string::npos ? module : module.substr(dot + 1);
}

// The test-role files that a product file of the head imports, each with one importer.
std::map<std::string, std::string> imported_by_product(const std::map<std::string, roles::RoleDecision>& tests,
                                                       const git::Snapshot& analysed, const roles::FileRoles& roles,
                                                       const std::vector<std::string>& python_files) {
  std::map<std::string, std::string> names; // a test file's last module part -> the file
  for (const auto& [path, decision] : tests) names.emplace(last_part(cache::module_of_path(path)), path);
  std::map<std::string, std::string> candidates; // product files that may import one
  for (const auto& path : python_files) {
    if (tests.count(path) != 0 || roles.classify(path, "", std::nullopt).role != FileRole::product) continue;
    auto content = analysed.read(path);
    if (!content) continue;
    for (const auto& [name, test] : names) {
      if (mentions_import_of(*content, name)) {
        candidates.emplace(path, std::move(*content));
        break;
      }
    }
  }
  std::map<std::string, std::string> out;
  if (candidates.empty()) return out;
  cache::ImportGraph graph(python_files);
  for (const auto& index : python::index_python_sources(candidates)) graph.add_imports(index.path, index.imports);
  for (const auto& [importer, unused] : candidates)
    for (const auto& imported : graph.direct(importer))
      if (tests.count(imported) != 0) out.emplace(imported, importer);
  return out;
}

bool matches_rule(const std::vector<std::string>& globs, const Finding& f) {
  return util::glob_match_any(globs, f.tool + "/" + f.rule_id);
}

} // namespace

roles::ProjectSettings project_settings(const git::Snapshot& source, const TrustedConfig& trusted) {
  roles::ProjectSettings settings = roles::read_project_settings(source);
  for (const Analyzer* analyzer : analyzers()) {
    auto file = trusted.tool_file(*analyzer);
    if (!file) continue;
    if (auto excluded = analyzer->excluded_paths(*file); !excluded.globs.empty())
      settings.tool_excludes.push_back(std::move(excluded));
  }
  return settings;
}

std::vector<std::string> assign_roles(const std::vector<std::string>& files, const git::Snapshot& analysed,
                                      const git::Snapshot* base, const roles::FileRoles& roles,
                                      const std::vector<std::string>& repository_python_files,
                                      std::vector<SkippedFile>& skipped, RoleAssignment& out) {
  std::vector<std::string> kept;
  for (const auto& path : files) {
    auto content = analysed.read(path);
    std::optional<std::string> base_content = base != nullptr ? base->read(path) : std::nullopt;
    roles::RoleDecision decision = roles.classify(path, content.value_or(""), base_content);
    switch (decision.role) {
      case FileRole::product: kept.push_back(path); break;
      case FileRole::test:
        kept.push_back(path);
        out.test_files.emplace(path, decision);
        break;
      case FileRole::excluded: skipped.push_back({path, "excluded by " + decision.why}); break;
      case FileRole::generated:
      case FileRole::vendored:
        skipped.push_back({path, std::string(to_string(decision.role)) + " code (" + decision.why + ")"});
        break;
    }
    if (decision.role == FileRole::product && content && roles::has_generated_marker(*content))
      out.notes.push_back(path +
                          " says it is generated, but did not at the base revision: analysed as product "
                          "code (a change cannot declare its own code generated; .gitattributes "
                          "linguist-generated or roles: generated: in .codegate.yml can)");
  }
  if (!out.test_files.empty()) {
    for (const auto& [test, importer] : imported_by_product(out.test_files, analysed, roles, repository_python_files)) {
      out.notes.push_back(test + " is analysed as product code: " + importer + " imports it");
      out.test_files.erase(test);
    }
  }
  for (const auto& note : roles.settings().notes) out.notes.push_back(note);
  return kept;
}

void apply_test_policy(std::vector<Finding>& findings, std::vector<std::string>& missing_docstrings,
                       const RoleAssignment& assignment, const TestCodeConfig& policy,
                       std::vector<std::string>& notes) {
  if (assignment.test_files.empty()) return;
  std::map<std::string, int> left_out; // "bandit/B101" -> count
  int advisory = 0;
  auto in_test = [&](const std::string& path) { return assignment.test_files.count(path) != 0; };
  std::erase_if(findings, [&](Finding& f) {
    if (!in_test(f.path) || is_not_analysed(f)) return false; // unchecked code fails wherever it is
    f.role = std::string(to_string(FileRole::test));
    const Analyzer* analyzer = analyzer_for(f);
    bool missing_docstring = is_own_finding(f) && analyzer != nullptr && analyzer->reports_missing_docstring(f);
    if (matches_rule(policy.skip, f) || (missing_docstring && policy.require_docstrings == DocstringPolicy::none)) {
      ++left_out[f.tool + "/" + f.rule_id];
      return true;
    }
    if (f.advisory.empty() && matches_rule(policy.advisory, f)) {
      f.advisory = "test code (" + assignment.test_files.at(f.path).why +
                   "): advisory under test_code.advisory (the tests themselves fail on a real one)";
      ++advisory;
    }
    return false;
  });
  if (policy.require_docstrings == DocstringPolicy::none) {
    std::erase_if(missing_docstrings, [&](const std::string& entry) {
      auto colon = entry.rfind(':', entry.find(' '));
      return colon != std::string::npos && in_test(entry.substr(0, colon));
    });
  }
  std::size_t files = assignment.test_files.size();
  std::string note = std::to_string(files) + (files == 1 ? " file is" : " files are") + " test code";
  if (advisory > 0) note += "; " + std::to_string(advisory) + " of its findings advisory";
  if (!left_out.empty()) {
    std::vector<std::string> counts;
    for (const auto& [rule, count] : left_out) counts.push_back(std::to_string(count) + " " + rule);
    note += "; not reported there (test_code.skip, require_docstrings): " + util::join(counts, ", ");
  }
  notes.push_back(note);
}

} // namespace codegate
