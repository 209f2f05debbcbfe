#include "intent/check_candidates.h"

#include <algorithm>
#include <set>

#include "intent/check_findings.h"
#include "intent/docstring.h"
#include "intent/unit_selection.h"

namespace codegate::intent {
namespace {

Candidate make_candidate(const python::SourceIndex& index, int unit, const std::vector<std::string>& lines,
                         const Config& config, std::vector<std::string>& notes) {
  Candidate c;
  c.path = index.path;
  c.index = &index;
  c.unit = unit;
  const auto& u = c.source_unit();
  c.code = unit_code(lines, index, unit, config.intent.max_unit_chars);
  c.prompt.path = index.path;
  c.prompt.description = index.describe(u);
  c.prompt.first_line = u.start_line;
  c.prompt.last_line = std::min(u.end_line, std::max(1, static_cast<int>(lines.size())));
  c.prompt.docstring = parse_docstring(*u.docstring);
  c.prompt.numbered_code = c.code.numbered;
  c.prompt.cut = c.code.cut;
  if (c.code.cut) { // a note only when a model is asked (run_intent_check)
    notes.push_back(index.path + ":" + std::to_string(u.line) + ": " + c.prompt.description + " was cut to " +
                    std::to_string(config.intent.max_unit_chars) +
                    " characters for the intent check (intent.max_unit_chars)");
  }
  return c;
}

// The lines of the file the change touched; every line of a file the change set does not list.
std::set<int> touched_in(const ChangeSet& changes, const std::string& path, int line_count) {
  if (const ChangedFile* changed = changes.find(path)) return touched_lines(*changed, line_count);
  std::set<int> all;
  for (int line = 1; line <= line_count; ++line) all.insert(line);
  return all;
}

} // namespace

std::vector<Candidate> select_candidates(const std::vector<python::SourceIndex>& indexes, const IntentInput& input,
                                         SourceTexts& texts, IntentOutput& out, std::vector<std::string>& cut_notes) {
  const Config& config = input.config;
  DocstringPolicy policy = config.intent.require_docstrings;
  // Where the project asks for no docstrings, the units without one are listed, not findings.
  const bool findings = config.intent.docstring_findings.value_or(true);
  std::vector<Candidate> candidates;
  for (const auto& index : indexes) {
    const auto& lines = texts.lines[index.path];
    if (!index.ok) {
      std::string where = index.error_line > 0 ? " at line " + std::to_string(index.error_line) : "";
      out.notes.push_back(index.path + ": skipped by the intent check: " + index.error + where);
      continue;
    }
    auto selection = select_units(index, touched_in(input.changes, index.path, static_cast<int>(lines.size())), policy);
    for (int unit : selection.missing_docstring) {
      const auto& u = index.units[static_cast<std::size_t>(unit)];
      if (findings) out.findings.push_back(missing_docstring_finding(index, u, lines, policy));
      out.missing_docstrings.push_back(index.path + ":" + std::to_string(u.line) + " " + u.qualified_name);
    }
    for (int unit : selection.to_check) candidates.push_back(make_candidate(index, unit, lines, config, cut_notes));
  }
  return candidates;
}

} // namespace codegate::intent
