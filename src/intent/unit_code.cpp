#include "intent/unit_code.h"

#include <algorithm>
#include <set>

namespace codegate::intent {
namespace {

using python::SourceIndex;
using python::SourceUnit;
using python::UnitKind;

bool shows_whole_span(const SourceUnit& unit) {
  return unit.kind == UnitKind::function || unit.kind == UnitKind::method;
}

std::vector<int> children_of(const SourceIndex& index, int unit) {
  std::vector<int> children;
  for (int i = 0; i < static_cast<int>(index.units.size()); ++i) {
    if (i != unit && index.units[i].parent == unit) children.push_back(i);
  }
  return children;
}

// The lines of a nested unit kept in its parent's outline: decorators, signature, docstring.
void add_outline_of(const SourceUnit& child, std::set<int>& shown) {
  int header_end = child.body_line > child.line ? child.body_line - 1 : child.line;
  for (int l = child.start_line; l <= header_end; ++l) shown.insert(l);
  for (int l = child.docstring_line; l > 0 && l <= child.docstring_end_line; ++l) shown.insert(l);
}

std::string number(int line, int width) {
  std::string digits = std::to_string(line);
  return std::string(static_cast<std::size_t>(std::max(0, width - static_cast<int>(digits.size()))), ' ') + digits;
}

} // namespace

std::vector<int> own_lines(const SourceIndex& index, int unit) {
  const SourceUnit& u = index.units[unit];
  std::set<int> lines;
  for (int l = u.start_line; l <= u.end_line; ++l) lines.insert(l);
  if (!shows_whole_span(u)) {
    for (int child : children_of(index, unit)) {
      for (int l = index.units[child].start_line; l <= index.units[child].end_line; ++l) lines.erase(l);
    }
  }
  return {lines.begin(), lines.end()};
}

UnitCode unit_code(const std::vector<std::string>& file_lines, const SourceIndex& index, int unit, int max_chars) {
  const SourceUnit& u = index.units[unit];
  std::vector<int> own = own_lines(index, unit);
  std::set<int> shown(own.begin(), own.end());
  if (!shows_whole_span(u)) {
    for (int child : children_of(index, unit)) add_outline_of(index.units[child], shown);
  }
  int last_line = std::min(u.end_line, static_cast<int>(file_lines.size()));
  // Blank lines at the end of a module say nothing.
  while (!shown.empty() && *shown.rbegin() > last_line) shown.erase(std::prev(shown.end()));

  UnitCode code;
  int width = static_cast<int>(std::to_string(std::max(1, last_line)).size());
  std::string gap_prefix = std::string(static_cast<std::size_t>(width), ' ') + " | ";
  std::size_t budget = static_cast<std::size_t>(std::max(0, max_chars));
  std::size_t used = 0;
  int previous = u.start_line - 1;
  for (int line : shown) {
    if (line - previous > 1) {
      int skipped = line - previous - 1;
      std::string marker = "... (" + std::to_string(skipped) + (skipped == 1 ? " line" : " lines") + " not shown)";
      code.numbered += gap_prefix + marker + "\n";
      code.plain += marker + "\n";
    }
    std::string text = file_lines[static_cast<std::size_t>(line - 1)];
    // A single line longer than the whole limit (generated or minified code) is shortened itself.
    if (code.shown_lines.empty() && text.size() + 1 > budget) {
      text.resize(budget > 0 ? budget - 1 : 0);
      code.cut = true;
    }
    if (used + text.size() + 1 > budget && !code.shown_lines.empty()) {
      std::string marker =
          "... (cut: the rest of the unit, up to line " + std::to_string(last_line) + ", is over the size limit)";
      code.numbered += gap_prefix + marker + "\n";
      code.plain += "... (cut)\n";
      code.cut = true;
      break;
    }
    used += text.size() + 1;
    code.numbered += number(line, width) + " | " + text + "\n";
    code.plain += text + "\n";
    code.shown_lines.push_back(line);
    previous = line;
    if (code.cut) {
      code.numbered += gap_prefix + "... (cut: the line and the rest of the unit are over the size limit)\n";
      code.plain += "... (cut)\n";
      break;
    }
  }
  if (!code.cut && previous < last_line && !code.shown_lines.empty()) {
    int skipped = last_line - previous;
    std::string marker = "... (" + std::to_string(skipped) + (skipped == 1 ? " line" : " lines") + " not shown)";
    code.numbered += gap_prefix + marker + "\n";
    code.plain += marker + "\n";
  }
  return code;
}

} // namespace codegate::intent
