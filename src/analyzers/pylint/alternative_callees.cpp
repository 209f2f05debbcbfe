#include "analyzers/pylint/alternative_callees.h"

#include <algorithm>
#include <set>

#include "analyzers/pylint/guarded_inference.h"
#include "cache/import_graph.h"

namespace codegate {
namespace {

bool defines_alternatives(const ModuleDefinitions& definitions, const std::string& name) {
  return std::binary_search(definitions.alternatives.begin(), definitions.alternatives.end(), name);
}

struct Candidate {
  Finding* finding;
  std::string callee;
};

} // namespace

void mark_alternative_callees(std::vector<Finding>& findings, const AnalyzedTree& tree) {
  std::vector<Candidate> candidates;
  std::set<std::string> paths;
  for (auto& f : findings) {
    if (!f.advisory.empty() || !is_call_argument_error(f)) continue;
    auto source = tree.sources.find(f.path);
    if (source == tree.sources.end()) continue;
    std::string callee = judged_callee(f, source->second);
    if (callee.empty() || callee.find('.') != std::string::npos) continue;
    candidates.push_back({&f, std::move(callee)});
    paths.insert(f.path);
  }
  if (candidates.empty() || !tree.definitions) return;
  const auto own = tree.definitions(paths);

  // Where each candidate's callee is defined: its own module, or the modules it is imported from.
  cache::ImportGraph graph(tree.python_files);
  std::vector<std::pair<Candidate*, std::vector<std::pair<std::string, std::string>>>> places; // (file, name)
  std::set<std::string> imported_from;
  for (auto& candidate : candidates) {
    auto definitions = own.find(candidate.finding->path);
    if (definitions == own.end()) continue;
    std::vector<std::pair<std::string, std::string>> where = {{candidate.finding->path, candidate.callee}};
    if (!defines_alternatives(definitions->second, candidate.callee)) {
      where.clear();
      for (const auto& import : definitions->second.from_imports) {
        if (import.alias != candidate.callee) continue;
        for (const auto& file : graph.module_files(candidate.finding->path, import.module)) {
          where.emplace_back(file, import.name);
          imported_from.insert(file);
        }
      }
    }
    if (!where.empty()) places.emplace_back(&candidate, std::move(where));
  }
  const auto others = imported_from.empty() ? decltype(own){} : tree.definitions(imported_from);
  for (const auto& place_list : places) {
    const Candidate* candidate = place_list.first;
    const auto& where = place_list.second;
    bool every = std::all_of(where.begin(), where.end(), [&](const auto& place) {
      const auto& known = place.first == candidate->finding->path && place.second == candidate->callee ? own : others;
      auto definitions = known.find(place.first);
      return definitions != known.end() && defines_alternatives(definitions->second, place.second);
    });
    if (!every) continue;
    Finding& f = *candidate->finding;
    f.advisory = "'" + where.front().second + "' is defined more than once in " + where.front().first +
                 ", under a condition; Pylint judged the call against one of its definitions";
    f.level = Level::note;
  }
}

} // namespace codegate
