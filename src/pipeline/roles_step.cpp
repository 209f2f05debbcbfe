#include "pipeline/roles_step.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <set>

#include "cache/import_graph.h"
#include "pipeline/python_files.h"
#include "pipeline/ruff_ignores.h"
#include "python/source_index.h"
#include "registry/registry.h"
#include "util/glob.h"
#include "util/strings.h"

namespace codegate {
namespace {

// The import guard. A changed file that a role keeps from product rules (test code, or skipped as
// generated, vendored or excluded) is product code when a product file of the head reaches it:
// imports it (any import statement, a literal importlib.import_module/__import__/runpy name or
// path), directly or through other files of any role, however deep.
// A file without a Python suffix larger than this is data, not a script; not read as an importer.
constexpr std::size_t k_max_script_bytes = 8 * 1024 * 1024;

struct GuardTarget {
  std::string why; // the role it would have: "test code (...)", "vendored code (...)"
};

// The names a file that imports or loads `path` must write: its module's last part (a package's
// name for its __init__.py), which every import statement, dotted name and path of it holds.
std::string reference_word(const std::string& path) {
  std::string module = cache::module_of_path(path);
  auto dot = module.rfind('.');
  return dot == std::string::npos ? module : module.substr(dot + 1);
}

bool mentions_word(std::string_view content, std::string_view word) {
  auto identifier = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
  for (auto at = content.find(word); at != std::string_view::npos; at = content.find(word, at + 1)) {
    bool starts = at == 0 || !identifier(content[at - 1]);
    bool ends = at + word.size() >= content.size() || !identifier(content[at + word.size()]);
    if (starts && ends) return true;
  }
  return false;
}

// A file the text look cannot rule out whatever it imports: one that calls a loader by name (its
// literal may be written with escapes or split into adjacent strings), or one with non-ASCII bytes
// (Python folds identifiers such as `ｔｅｓｔｓ` to ASCII, NFKC).
bool needs_parsing_anyway(std::string_view content) {
  for (unsigned char c : content)
    if (c >= 0x80) return true;
  for (std::string_view loader :
       {"import_module", "__import__", "run_path", "run_module", "spec_from_file_location", "FileLoader", "load_source",
        "load_compiled", "load_dynamic", "exec", "execfile", "_run_module_as_main"})
    if (mentions_word(content, loader)) return true;
  return false;
}

struct Reach {
  std::string root;             // the product file
  std::vector<std::string> via; // the files in between, in order
};

// The targets product code reaches, each with the product file and the path between them.
std::map<std::string, Reach> reached_by_product(const std::map<std::string, GuardTarget>& targets,
                                                const std::map<std::string, FileRole>& changed_roles,
                                                const git::Snapshot& analysed, const roles::FileRoles& roles,
                                                const std::vector<std::string>& repository_files) {
  std::vector<std::string> modules; // what import statements can name
  for (const auto& path : repository_files)
    if (has_python_suffix(path)) modules.push_back(path);
  cache::ImportGraph graph(modules);
  auto role_of = [&](const std::string& path) {
    auto changed = changed_roles.find(path);
    return changed != changed_roles.end() ? changed->second : roles.classify(path, "", std::nullopt).role;
  };
  // The head's Python files (modules, and scripts by their #! line) with their content.
  std::map<std::string, std::string> sources;
  for (const auto& path : repository_files) {
    auto content = analysed.read(path);
    if (!content) continue;
    bool module = has_python_suffix(path);
    if (!module && (content->size() > k_max_script_bytes || !has_python_shebang(*content))) continue;
    sources.emplace(path, std::move(*content));
  }
  std::map<std::string, std::set<std::string>> edges; // an indexed file -> the files it loads
  std::set<std::string> toward;                       // the targets and the files that reach one
  std::vector<std::string> frontier;
  for (const auto& [path, target] : targets) {
    toward.insert(path);
    frontier.push_back(path);
  }
  bool first = true;
  while (!frontier.empty()) {
    std::set<std::string> words;
    for (const auto& path : frontier)
      if (auto word = reference_word(path); !word.empty()) words.insert(word);
    std::map<std::string, std::string> candidates;
    for (const auto& [path, content] : sources) {
      if (edges.count(path) != 0) continue;
      bool mentions = first && needs_parsing_anyway(content);
      for (auto it = words.begin(); !mentions && it != words.end(); ++it) mentions = mentions_word(content, *it);
      if (mentions) candidates.emplace(path, content);
    }
    first = false;
    for (const auto& index : python::index_python_sources(candidates)) {
      auto& loads = edges[index.path];
      for (const auto* names : {&index.imports, &index.dynamic_imports})
        for (const auto& name : *names)
          for (auto& file : graph.resolve(index.path, name)) loads.insert(std::move(file));
      for (const auto& literal : index.loaded_paths)
        for (auto& file : cache::resolve_loaded_path(index.path, literal, repository_files))
          loads.insert(std::move(file));
      loads.erase(index.path);
    }
    // Every indexed file that loads a file toward a target is toward one too; a product file is
    // where a path starts, any other goes on (a test helper, a vendored module in between).
    frontier.clear();
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& [path, loads] : edges) {
        if (toward.count(path) != 0) continue;
        bool reaches =
            std::any_of(loads.begin(), loads.end(), [&](const std::string& f) { return toward.count(f) != 0; });
        if (!reaches) continue;
        toward.insert(path);
        grew = true;
        if (role_of(path) != FileRole::product) frontier.push_back(path);
      }
    }
  }
  // From every product file toward a target, breadth first: the shortest path to each target.
  std::map<std::string, Reach> out;
  std::map<std::string, std::string> parent;
  std::deque<std::string> queue;
  for (const auto& [path, loads] : edges) {
    if (toward.count(path) == 0 || role_of(path) != FileRole::product || targets.count(path) != 0) continue;
    parent.emplace(path, "");
    queue.push_back(path);
  }
  while (!queue.empty()) {
    std::string path = queue.front();
    queue.pop_front();
    auto loads = edges.find(path);
    if (loads == edges.end()) continue;
    for (const auto& next : loads->second) {
      if (toward.count(next) == 0 || !parent.emplace(next, path).second) continue;
      queue.push_back(next);
    }
  }
  for (const auto& [path, target] : targets) {
    auto at = parent.find(path);
    if (at == parent.end() || at->second.empty()) continue;
    Reach reach;
    for (std::string step = at->second; !step.empty(); step = parent.at(step))
      reach.via.insert(reach.via.begin(), step);
    reach.root = reach.via.front();
    reach.via.erase(reach.via.begin());
    out.emplace(path, std::move(reach));
  }
  return out;
}

std::string reach_note(const std::string& path, const Reach& reach, const GuardTarget& target) {
  std::string note = path + " is analysed as product code: " + reach.root + " imports it";
  if (!reach.via.empty()) note += " through " + util::join(reach.via, ", ");
  if (!target.why.empty()) note += " (it would be skipped as " + target.why + ")";
  return note;
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
                                      const std::vector<std::string>& repository_files,
                                      std::vector<SkippedFile>& skipped, RoleAssignment& out) {
  std::vector<std::string> kept;
  std::map<std::string, GuardTarget> targets;
  std::map<std::string, FileRole> changed_roles;
  std::map<std::string, SkippedFile> held; // skipped unless product code reaches them
  for (const auto& path : files) {
    auto content = analysed.read(path);
    std::optional<std::string> base_content = base != nullptr ? base->read(path) : std::nullopt;
    roles::RoleDecision decision = roles.classify(path, content.value_or(""), base_content);
    changed_roles.emplace(path, decision.role);
    switch (decision.role) {
      case FileRole::product: kept.push_back(path); break;
      case FileRole::test:
        kept.push_back(path);
        out.test_files.emplace(path, decision);
        targets.emplace(path, GuardTarget{});
        break;
      case FileRole::typing:
        kept.push_back(path);
        out.typing_files.emplace(path, decision);
        targets.emplace(path, GuardTarget{});
        break;
      case FileRole::excluded:
        held.emplace(path, SkippedFile{path, "excluded by " + decision.why});
        targets.emplace(path, GuardTarget{"excluded (" + decision.why + ")"});
        break;
      case FileRole::generated:
      case FileRole::vendored: {
        std::string why = std::string(to_string(decision.role)) + " code (" + decision.why + ")";
        held.emplace(path, SkippedFile{path, why});
        targets.emplace(path, GuardTarget{why});
        break;
      }
    }
    if (decision.role == FileRole::product && content && roles::has_generated_marker(*content))
      out.notes.push_back(path +
                          " says it is generated, but did not at the base revision: analysed as product "
                          "code (a change cannot declare its own code generated; .gitattributes "
                          "linguist-generated or roles: generated: in .codegate.yml can)");
  }
  if (!targets.empty()) {
    for (const auto& [path, reach] : reached_by_product(targets, changed_roles, analysed, roles, repository_files)) {
      out.notes.push_back(reach_note(path, reach, targets.at(path)));
      out.test_files.erase(path);
      out.typing_files.erase(path);
      if (held.erase(path) == 0) continue;
      kept.push_back(path);
      // The base had it in the same role: an update of upstream's or a generator's code.
      if (base != nullptr && base->read(path)) out.upstream_edits.emplace(path, targets.at(path).why);
    }
  }
  for (auto& [path, file] : held) skipped.push_back(std::move(file));
  std::sort(kept.begin(), kept.end());
  for (const auto& note : roles.settings().notes) out.notes.push_back(note);
  out.ruff_ignores = roles.settings().ruff_ignores;
  return kept;
}

namespace {

// An update of upstream code (a vendor update, a regenerated module) that product code reaches: it
// ships, so Bandit's findings (and a file that cannot be analysed) fail as product code's do;
// Pylint's errors are reported and advisory, its warnings and missing docstrings counted in a
// note: upstream's own tests run this code, and its style is upstream's (docs/roles.md, measured
// on pip's vendor updates).
void apply_upstream_policy(std::vector<Finding>& findings, std::vector<std::string>& missing_docstrings,
                           const RoleAssignment& assignment, std::vector<std::string>& notes) {
  if (assignment.upstream_edits.empty()) return;
  int advisory = 0;
  int left_out = 0;
  std::erase_if(findings, [&](Finding& f) {
    auto edit = assignment.upstream_edits.find(f.path);
    if (edit == assignment.upstream_edits.end() || is_not_analysed(f)) return false;
    const Analyzer* analyzer = analyzer_for(f);
    bool missing_docstring = is_own_finding(f) && analyzer != nullptr && analyzer->reports_missing_docstring(f);
    if (f.tool != "pylint" && !missing_docstring) return false;
    if (f.tool == "pylint" && (f.rule_id.starts_with("E") || f.rule_id.starts_with("F"))) {
      if (f.advisory.empty()) {
        f.advisory = "an update of " + edit->second +
                     " that product code reaches: Pylint's errors are advisory there (upstream's tests run it)";
        ++advisory;
      }
      return false;
    }
    ++left_out;
    return true;
  });
  std::erase_if(missing_docstrings, [&](const std::string& entry) {
    auto colon = entry.rfind(':', entry.find(' '));
    return colon != std::string::npos && assignment.upstream_edits.count(entry.substr(0, colon)) != 0;
  });
  std::size_t files = assignment.upstream_edits.size();
  std::string note = std::to_string(files) + (files == 1 ? " file is an update" : " files are updates") +
                     " of generated, vendored or excluded code that product code reaches, analysed as product "
                     "code: Bandit's findings count; " +
                     std::to_string(advisory) + " Pylint error" + (advisory == 1 ? "" : "s") + " there advisory";
  if (left_out > 0) note += "; not reported there (Pylint's warnings, missing docstrings): " + std::to_string(left_out);
  notes.push_back(std::move(note));
}

// Code only a type checker reads (roles/type_checked_paths.h) is never imported or run: what
// Pylint says of statements there (`x.a` alone on a line is how an example asks the type checker
// about x.a), of arguments and private members, and what its inference gets wrong about what the
// type checker is being taught (attrs' classes) does not matter. Pylint's other errors (a syntax
// error, an undefined name) and Bandit's findings stay as product code's.
constexpr const char* k_typing_skip[] = {"pylint/W0104", "pylint/W0106", "pylint/W0613", "pylint/W0212",
                                         "pylint/E1101", "pylint/E1102", "pylint/E1111", "pylint/E112?",
                                         "pylint/E113?", "pylint/C*",    "pylint/R*"};

void apply_typing_policy(std::vector<Finding>& findings, std::vector<std::string>& missing_docstrings,
                         const RoleAssignment& assignment, std::vector<std::string>& notes) {
  if (assignment.typing_files.empty()) return;
  static const std::vector<std::string> skip(std::begin(k_typing_skip), std::end(k_typing_skip));
  std::map<std::string, int> left_out; // "pylint/W0104" -> count
  auto in_typing = [&](const std::string& path) { return assignment.typing_files.count(path) != 0; };
  std::erase_if(findings, [&](Finding& f) {
    if (!in_typing(f.path) || is_not_analysed(f)) return false;
    f.role = std::string(to_string(FileRole::typing));
    const Analyzer* analyzer = analyzer_for(f);
    bool missing_docstring = is_own_finding(f) && analyzer != nullptr && analyzer->reports_missing_docstring(f);
    if (!missing_docstring && !matches_rule(skip, f)) return false;
    ++left_out[f.tool + "/" + f.rule_id];
    return true;
  });
  std::erase_if(missing_docstrings, [&](const std::string& entry) {
    auto colon = entry.rfind(':', entry.find(' '));
    return colon != std::string::npos && in_typing(entry.substr(0, colon));
  });
  std::size_t files = assignment.typing_files.size();
  std::string note = std::to_string(files) + (files == 1 ? " file is" : " files are") +
                     " code only a type checker reads (" + assignment.typing_files.begin()->second.why + ")";
  if (!left_out.empty()) {
    std::vector<std::string> counts;
    for (const auto& [rule, count] : left_out) counts.push_back(std::to_string(count) + " " + rule);
    note += "; not reported there: " + util::join(counts, ", ");
  }
  notes.push_back(note);
}

} // namespace

void apply_test_policy(std::vector<Finding>& findings, std::vector<std::string>& missing_docstrings,
                       const RoleAssignment& assignment, const TestCodeConfig& policy,
                       std::vector<std::string>& notes) {
  apply_ruff_ignores(findings, assignment.ruff_ignores, notes);
  apply_upstream_policy(findings, missing_docstrings, assignment, notes);
  apply_typing_policy(findings, missing_docstrings, assignment, notes);
  if (assignment.test_files.empty()) return;
  std::map<std::string, int> left_out; // "bandit/B101" -> count
  std::map<std::string, int> low;      // test_code.skip_low_severity: "bandit/B603" -> count
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
    if (policy.skip_low_severity && analyzer != nullptr && analyzer->low_severity(f)) {
      ++low[f.tool + "/" + f.rule_id];
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
  auto counted = [](const std::map<std::string, int>& by_rule) {
    std::vector<std::string> counts;
    for (const auto& [rule, count] : by_rule) counts.push_back(std::to_string(count) + " " + rule);
    return util::join(counts, ", ");
  };
  if (!left_out.empty()) note += "; not reported there (test_code.skip, require_docstrings): " + counted(left_out);
  if (!low.empty()) note += "; low severity, counted, not listed (test_code.skip_low_severity): " + counted(low);
  notes.push_back(note);
}

} // namespace codegate
