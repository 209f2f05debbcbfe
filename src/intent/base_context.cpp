#include "intent/base_context.h"

#include "core/error.h"
#include "intent/source_texts.h"
#include "util/strings.h"

namespace codegate::intent {
namespace {

// The base sources of the candidates' files, as valid UTF-8; none too large to read.
std::map<std::string, std::string> wanted_bases(const std::vector<Candidate>& candidates,
                                                const std::map<std::string, std::string>& base_sources) {
  std::map<std::string, std::string> wanted;
  for (const auto& c : candidates) {
    auto it = base_sources.find(c.path);
    if (it != base_sources.end() && it->second.size() <= k_max_source_bytes)
      wanted[c.path] = util::to_valid_utf8(it->second);
  }
  return wanted;
}

// Gives `c` the base unit that matches it, when its code differs.
void match_base_unit(Candidate& c, const python::SourceIndex& base, const std::vector<std::string>& lines,
                     int max_unit_chars) {
  const auto& now = c.source_unit();
  for (std::size_t u = 0; u < base.units.size(); ++u) {
    const auto& old = base.units[u];
    if (old.kind != now.kind || old.qualified_name != now.qualified_name || old.docstring != now.docstring) continue;
    UnitCode code = unit_code(lines, base, static_cast<int>(u), max_unit_chars);
    if (code.plain != c.code.plain) {
      c.base_plain = code.plain;
      c.prompt.base_numbered_code = code.numbered;
    }
    return;
  }
}

} // namespace

void add_base_context(std::vector<Candidate>& candidates, const IntentInput& input, std::vector<std::string>& notes) {
  if (input.config.intent.context != IntentContext::unit_and_base || input.base_sources == nullptr) return;
  std::map<std::string, std::string> wanted = wanted_bases(candidates, *input.base_sources);
  if (wanted.empty()) return;
  std::vector<python::SourceIndex> bases;
  try {
    bases = python::index_python_sources(wanted);
  } catch (const ToolError& error) {
    notes.push_back(std::string("intent check: base versions not shown: ") + error.what());
    return;
  }
  for (const auto& base : bases) {
    if (!base.ok) continue;
    std::vector<std::string> lines = lines_of(wanted[base.path]);
    for (auto& c : candidates)
      if (c.path == base.path) match_base_unit(c, base, lines, input.config.intent.max_unit_chars);
  }
}

} // namespace codegate::intent
