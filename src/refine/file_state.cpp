#include "refine/file_state.h"

#include <algorithm>

#include "git/buffer_diff.h"

namespace codegate::refine {

std::vector<Finding> FileState::open_targets() const {
  std::vector<Finding> out;
  for (const auto& f : failing)
    if (targets.count(f.fingerprint) != 0) out.push_back(f);
  return out;
}

bool targeted_tool(const Finding& f, const RefineConfig& config) {
  return !is_not_analysed(f) && std::find(config.tools.begin(), config.tools.end(), f.tool) != config.tools.end();
}

std::vector<std::unique_ptr<FileState>> start_states(const std::map<std::string, std::string>& sources,
                                                     const std::set<std::string>& paths,
                                                     const std::vector<Finding>& findings, const RefineConfig& config) {
  std::map<std::string, std::string> originals;
  for (const auto& path : paths) {
    auto source = sources.find(path);
    if (source != sources.end()) originals.emplace(path, source->second);
  }
  std::vector<python::SourceIndex> indexes = python::index_python_sources(originals);
  std::vector<std::unique_ptr<FileState>> states;
  for (const auto& [path, content] : originals) {
    auto s = std::make_unique<FileState>();
    s->path = path;
    s->original = content;
    s->best = content;
    for (auto& index : indexes)
      if (index.path == path) s->original_index = index;
    for (const auto& unit : s->original_index.units)
      if (unit.docstring)
        s->docstrings.push_back({s->original_index.describe(unit), unit.docstring_line, *unit.docstring});
    for (const auto& f : findings) {
      if (f.path != path || !f.fails_gate) continue;
      s->failing.push_back(f);
      if (targeted_tool(f, config)) s->targets.insert(f.fingerprint);
    }
    states.push_back(std::move(s));
  }
  return states;
}

void mark_findings(std::vector<Finding>& findings, const std::vector<std::unique_ptr<FileState>>& states) {
  for (auto& f : findings) {
    if (!f.fails_gate) continue;
    for (const auto& s : states) {
      if (s->path != f.path) continue;
      auto removed = s->removed_in.find(f.fingerprint);
      if (removed != s->removed_in.end()) {
        f.fix_status = "fixed in round " + std::to_string(removed->second);
      } else if (s->targets.count(f.fingerprint) != 0) {
        f.fix_status = "open";
      }
    }
  }
}

std::optional<KnowledgeEntry> knowledge_entry(const Finding& f, const FileState& s) {
  auto hunks = git::diff_hunks(s.original, s.best, 1);
  int first = f.line, last = std::max(f.line, f.end_line);
  std::string before, after;
  for (const auto& h : hunks) {
    int old_last = h.old_start + std::max(h.old_lines, 1) - 1;
    if (old_last < first || h.old_start > last) continue;
    before += h.removed;
    after += h.added;
  }
  if (before.empty() && after.empty()) return std::nullopt;
  if (before.empty()) before = f.snippet;
  return KnowledgeEntry{qualified_rule(f), before, after, f.message, "", "", ""};
}

} // namespace codegate::refine
