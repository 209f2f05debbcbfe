#include "analyzers/ruff_comment.h"

#include <algorithm>

#include "util/strings.h"

namespace codegate {
namespace {

constexpr auto npos = std::string_view::npos;

// What a line is to Python's tokenizer, as far as Ruff's comments need it.
struct LineFacts {
  std::size_t comment = npos; // the column of the comment's `#`
  bool continues = false;     // it begins inside a statement begun above (a bracket, `\`, a string)
  bool code_before = false;   // it has code before its comment
  bool code = false;          // it has code before its comment, or continues a statement
  std::size_t indent = 0;
};

// Each line's facts: strings (triple-quoted ones across lines), brackets and backslashes are
// followed, so a `#` inside a string is no comment and a statement's later lines are known.
std::vector<LineFacts> scan(const std::vector<std::string_view>& lines) {
  std::vector<LineFacts> facts(lines.size());
  int depth = 0;
  bool backslash = false;
  std::string_view open_triple; // the quotes of a triple-quoted string still open
  for (std::size_t n = 0; n < lines.size(); ++n) {
    std::string_view line = lines[n];
    LineFacts& f = facts[n];
    f.continues = depth > 0 || backslash || !open_triple.empty();
    f.indent = std::min(line.find_first_not_of(" \t"), line.size());
    backslash = false;
    std::size_t i = 0;
    if (!open_triple.empty()) {
      auto end = line.find(open_triple);
      if (end == npos) continue;
      open_triple = {};
      i = end + 3;
    }
    for (; i < line.size(); ++i) {
      char c = line[i];
      if (c == '#') {
        f.comment = i;
        break;
      }
      if (c == '"' || c == '\'') {
        std::string_view rest = line.substr(i);
        std::string_view triple = rest.substr(0, 3) == "\"\"\"" ? "\"\"\"" : rest.substr(0, 3) == "'''" ? "'''" : "";
        if (!triple.empty()) {
          auto end = line.find(triple, i + 3);
          if (end == npos) {
            open_triple = triple;
            i = line.size();
            break;
          }
          i = end + 2;
          continue;
        }
        for (++i; i < line.size() && line[i] != c; ++i)
          if (line[i] == '\\') ++i;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') ++depth;
      if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
      if (c == '\\' && i + 1 == line.size()) backslash = true;
    }
    f.code_before = util::trim(line.substr(0, std::min(f.comment, line.size()))) != "";
    f.code = f.continues || f.code_before;
  }
  return facts;
}

enum class Kind { ignore, file_ignore, disable, enable };

struct Parsed {
  Kind kind = Kind::ignore;
  std::vector<std::string> rules;
};

// `#ruff: ignore[a, b]` at the start of `comment` (`# ruff:ignore[...]` too): case-sensitive,
// optional spaces after `#` and after `:`, the rules separated by commas, a trailing comma allowed.
std::optional<Parsed> parse_directive(std::string_view comment) {
  std::size_t i = comment.find_first_not_of(" \t", 1);
  if (i == npos || comment.substr(i, 5) != "ruff:") return std::nullopt;
  i = comment.find_first_not_of(" \t", i + 5);
  if (i == npos) return std::nullopt;
  Parsed parsed;
  std::string_view rest = comment.substr(i);
  bool matched = false;
  for (auto [word, kind] : {std::pair{"ignore[", Kind::ignore}, std::pair{"file-ignore[", Kind::file_ignore},
                            std::pair{"disable[", Kind::disable}, std::pair{"enable[", Kind::enable}}) {
    std::string_view prefix = word;
    if (rest.substr(0, prefix.size()) != prefix) continue;
    parsed.kind = kind;
    rest.remove_prefix(prefix.size());
    matched = true;
    break;
  }
  auto close = rest.find(']');
  if (!matched || close == npos) return std::nullopt;
  for (std::string_view part : util::split_nonempty(rest.substr(0, close), ',')) {
    std::string_view rule = util::trim(part);
    if (rule.empty()) continue;
    if (rule.find_first_of(" \t") != npos) return std::nullopt; // "a b": not a list Ruff reads
    parsed.rules.emplace_back(rule);
  }
  if (parsed.rules.empty()) return std::nullopt; // Ruff's comments name at least one rule
  return parsed;
}

// The first `#ruff:` directive among the comments that start at `from` ("# noqa: E501  # ruff: ignore[S310]").
std::optional<std::pair<Parsed, std::size_t>> find_directive(std::string_view line, std::size_t from) {
  for (auto at = from; at != npos && at < line.size(); at = line.find('#', at + 1))
    if (auto parsed = parse_directive(line.substr(at))) return std::pair{std::move(*parsed), at};
  return std::nullopt;
}

// The last line of the logical line that begins at `first` (0-based).
std::size_t logical_end(const std::vector<LineFacts>& facts, std::size_t first) {
  std::size_t last = first;
  while (last + 1 < facts.size() && facts[last + 1].continues) ++last;
  return last;
}

// The next line (0-based) after `after` that holds code: comments and blank lines between are skipped.
std::optional<std::size_t> next_code_line(const std::vector<LineFacts>& facts, std::size_t after) {
  for (std::size_t n = after + 1; n < facts.size(); ++n)
    if (facts[n].code) return n;
  return std::nullopt;
}

} // namespace

RuffComments::RuffComments(const std::vector<std::string_view>& lines) {
  std::vector<LineFacts> facts = scan(lines);
  struct Open {
    Directive directive;
    std::size_t indent;
  };
  std::vector<Open> open; // disables awaiting their enable
  auto close_before = [&](std::size_t n) {
    for (auto it = open.begin(); it != open.end();) {
      if (facts[n].code && !facts[n].continues && facts[n].indent < it->indent) {
        it->directive.last = static_cast<int>(n); // implicit: up to the line before (1-based n)
        directives_.push_back(std::move(it->directive));
        it = open.erase(it);
      } else {
        ++it;
      }
    }
  };
  for (std::size_t n = 0; n < lines.size(); ++n) {
    close_before(n);
    if (facts[n].comment == npos) continue;
    auto found = find_directive(lines[n], facts[n].comment);
    if (!found) continue;
    auto& [parsed, column] = *found;
    bool own_line = !facts[n].code_before && !facts[n].continues; // a statement's own comment line
    int number = static_cast<int>(n) + 1;
    Directive d{number, std::string(util::trim(lines[n].substr(column))), parsed.rules, 0, 0};
    switch (parsed.kind) {
      case Kind::ignore: {
        if (!own_line) { // trailing: this line; on its own inside a statement: the next line
          std::size_t target = facts[n].code_before ? n : n + 1;
          d.first = d.last = static_cast<int>(target) + 1;
        } else if (auto next = next_code_line(facts, n)) {
          d.first = static_cast<int>(*next) + 1;
          d.last = static_cast<int>(logical_end(facts, *next)) + 1;
        }
        break;
      }
      case Kind::file_ignore:
        if (own_line && facts[n].indent == 0) {
          d.first = 1;
          d.last = static_cast<int>(lines.size());
        }
        break;
      case Kind::disable:
        if (own_line) open.push_back({std::move(d), facts[n].indent});
        continue;
      case Kind::enable: {
        if (!own_line) continue;
        auto match = std::find_if(open.rbegin(), open.rend(), [&](const Open& o) {
          return o.indent == facts[n].indent && o.directive.rules == d.rules;
        });
        if (match == open.rend()) continue; // an enable with no disable ends nothing
        match->directive.last = number - 1;
        directives_.push_back(std::move(match->directive));
        open.erase(std::next(match).base());
        continue;
      }
    }
    if (d.first > 0) directives_.push_back(std::move(d));
  }
  for (auto& o : open) { // implicit ranges open to the end of the file
    o.directive.last = static_cast<int>(lines.size());
    directives_.push_back(std::move(o.directive));
  }
  for (auto& d : directives_)
    if (d.first == 0) d.first = d.line + 1; // a range begins after its disable
}

std::optional<Suppression> RuffComments::covering(int first, int last, const RuffRule& rule) const {
  for (const Directive& d : directives_) {
    if (last < d.first || first > d.last) continue;
    if (std::any_of(d.rules.begin(), d.rules.end(),
                    [&](const std::string& r) { return r == rule.code || r == rule.name; }))
      return Suppression{d.line, d.comment};
  }
  return std::nullopt;
}

void attach_ruff_suppressions(std::vector<Finding>& findings, const std::map<std::string, std::string>& sources,
                              const std::function<bool(const Finding&)>& owned,
                              const std::function<const RuffRule*(const Finding&)>& rule_of) {
  std::map<std::string, RuffComments> files;
  for (auto& f : findings) {
    if (f.suppression || !owned(f)) continue;
    const RuffRule* rule = rule_of(f);
    auto source = sources.find(f.path);
    if (rule == nullptr || source == sources.end()) continue;
    auto file = files.find(f.path);
    if (file == files.end()) file = files.emplace(f.path, RuffComments(util::split_lines(source->second))).first;
    if (auto suppression = file->second.covering(f.line, std::max(f.line, f.end_line), *rule))
      f.suppression = std::move(suppression);
  }
}

} // namespace codegate
