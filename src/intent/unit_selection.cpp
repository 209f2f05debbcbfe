#include "intent/unit_selection.h"

#include <algorithm>

#include "intent/unit_code.h"
#include "util/strings.h"

namespace codegate::intent {
namespace {

using python::SourceUnit;
using python::UnitKind;

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool exempt_from_docstring(const SourceUnit& unit) {
  for (const auto& decorator : unit.decorators) {
    if (decorator == "overload" || ends_with(decorator, ".overload") || ends_with(decorator, ".setter") ||
        ends_with(decorator, ".deleter")) {
      return true;
    }
  }
  return false;
}

bool requires_docstring(const SourceUnit& unit, DocstringPolicy policy) {
  if (policy == DocstringPolicy::none || unit.kind == UnitKind::module || exempt_from_docstring(unit)) return false;
  if (policy == DocstringPolicy::all) return true;
  return unit.kind != UnitKind::class_type && unit.is_public && !unit.nested_in_function;
}

} // namespace

std::set<int> touched_lines(const ChangedFile& file, int line_count) {
  std::set<int> touched;
  if (file.status == ChangeStatus::added) {
    for (int line = 1; line <= line_count; ++line) touched.insert(line);
    return touched;
  }
  touched.insert(file.added_lines.begin(), file.added_lines.end());
  // A run of consecutive context lines with no added line inside is a hunk that only deletes;
  // the deletion sits in its middle (git shows as many context lines before as after, unless
  // the file starts or ends there).
  auto it = file.context_lines.begin();
  while (it != file.context_lines.end()) {
    int first = *it;
    int last = first;
    bool has_added = file.added_lines.count(first) != 0;
    auto next = std::next(it);
    while (next != file.context_lines.end() && *next == last + 1) {
      last = *next;
      has_added = has_added || file.added_lines.count(last) != 0;
      ++next;
    }
    if (!has_added) {
      int before = first + (last - first) / 2;
      touched.insert(before);
      if (before + 1 <= last) touched.insert(before + 1);
    }
    it = next;
  }
  return touched;
}

UnitSelection select_units(const python::SourceIndex& index, const std::set<int>& touched,
                           DocstringPolicy require_docstrings) {
  UnitSelection selection;
  if (!index.ok) return selection;
  for (int i = 0; i < static_cast<int>(index.units.size()); ++i) {
    auto lines = own_lines(index, i);
    bool is_touched = std::any_of(lines.begin(), lines.end(), [&](int line) { return touched.count(line) != 0; });
    if (!is_touched) continue;
    const SourceUnit& unit = index.units[i];
    if (unit.docstring && !util::trim(*unit.docstring).empty())
      selection.to_check.push_back(i);
    else if (requires_docstring(unit, require_docstrings))
      selection.missing_docstring.push_back(i);
  }
  return selection;
}

} // namespace codegate::intent
