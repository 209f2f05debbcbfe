#include "pipeline/finding_units.h"

#include "python/source_index.h"
#include "registry/registry.h"

namespace codegate {
namespace {

bool is_tool_finding(const Finding& f) {
  const Analyzer* analyzer = analyzer_for(f);
  return analyzer != nullptr && analyzer->in_baseline();
}

} // namespace

void attach_units(std::vector<Finding>& findings, const std::map<std::string, std::string>& sources) {
  std::map<std::string, std::string> needed;
  for (const auto& f : findings) {
    if (!is_tool_finding(f)) continue;
    auto source = sources.find(f.path);
    if (source != sources.end()) needed.insert(*source);
  }
  if (needed.empty()) return;
  std::map<std::string, python::SourceIndex> indexes;
  for (auto& index : python::index_python_sources(needed)) indexes.emplace(index.path, std::move(index));
  for (auto& f : findings) {
    if (!is_tool_finding(f)) continue;
    auto index = indexes.find(f.path);
    if (index == indexes.end()) continue;
    const python::SourceUnit* innermost = nullptr;
    for (const auto& unit : index->second.units) {
      if (unit.kind == python::UnitKind::module || f.line < unit.start_line || f.line > unit.end_line) continue;
      if (innermost == nullptr || unit.start_line >= innermost->start_line) innermost = &unit;
    }
    f.unit = innermost != nullptr ? innermost->qualified_name : "";
  }
}

} // namespace codegate
