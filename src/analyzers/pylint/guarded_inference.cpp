#include "analyzers/pylint/guarded_inference.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "analyzers/pylint/pylint_analyzer.h"
#include "util/strings.h"

namespace codegate {
namespace {

// Where the expression a rule judged is found.
enum class Source {
  message,   // the first group of the rule's message pattern
  attribute, // the span is `x.a`: the expression is x, the member x.a
  call,      // the span is `callee(...)`: the expression is the callee
};

struct GuardableRule {
  std::string_view id;
  Source source;
  const char* pattern;       // for Source::message
  bool value_guard_explains; // a not-None test explains it (Pylint inferred None)
};

constexpr GuardableRule k_rules[] = {
    {"E1101", Source::attribute, nullptr, false},
    {"E1102", Source::message, R"(^(.+) is not callable$)", true},
    {"E1120", Source::call, nullptr, false},
    {"E1121", Source::call, nullptr, false},
    {"E1123", Source::call, nullptr, false},
    {"E1124", Source::call, nullptr, false},
    {"E1125", Source::call, nullptr, false},
    {"E1133", Source::message, R"(^Non-iterable value (.+) is used in an iterating context$)", true},
    {"E1135", Source::message, R"(^Value '(.+)' doesn't support membership test$)", true},
    {"E1136", Source::message, R"(^Value '(.+)' is unsubscriptable$)", true},
    {"E1137", Source::message, R"(^'(.+)' does not support item assignment$)", true},
    {"E1138", Source::message, R"(^'(.+)' does not support item deletion$)", true},
};

const GuardableRule* rule_of(const Finding& f) {
  if (f.tool != k_pylint_tool) return nullptr;
  for (const auto& rule : k_rules)
    if (rule.id == f.rule_id) return &rule;
  return nullptr;
}

bool identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// "self.hook", "foo": identifiers joined by dots.
bool is_dotted_name(std::string_view text) {
  bool part_start = true;
  for (char c : text) {
    if (c == '.') {
      if (part_start) return false;
      part_start = true;
      continue;
    }
    if (!identifier_char(c) || (part_start && std::isdigit(static_cast<unsigned char>(c)) != 0)) return false;
    part_start = false;
  }
  return !part_start;
}

// The source text of the finding's span, without white space and line continuations; empty when
// the span is not in `source`. Pylint's columns are ast's: UTF-8 bytes.
std::string span_text(const Finding& f, const std::string& source) {
  if (f.end_line < f.line || f.end_line == 0 || f.column < 1 || f.end_column < 1) return "";
  auto lines = util::split_lines(source);
  if (f.end_line > static_cast<int>(lines.size())) return "";
  std::string text;
  for (int n = f.line; n <= f.end_line; ++n) {
    std::string_view line = lines[static_cast<std::size_t>(n - 1)];
    std::size_t from = n == f.line ? static_cast<std::size_t>(f.column - 1) : 0;
    std::size_t to = n == f.end_line ? static_cast<std::size_t>(f.end_column - 1) : line.size();
    if (from > line.size() || to > line.size() || from > to) return "";
    for (char c : line.substr(from, to - from))
      if (std::isspace(static_cast<unsigned char>(c)) == 0 && c != '\\') text += c;
  }
  return text;
}

// "a.b(x, (y))" -> "a.b": the text before the trailing parenthesised group; empty when there is none.
std::string callee_of(const std::string& call) {
  if (call.empty() || call.back() != ')') return "";
  int depth = 0;
  for (std::size_t at = call.size(); at-- > 0;) {
    if (call[at] == ')') ++depth;
    if (call[at] == '(' && --depth == 0) return call.substr(0, at);
  }
  return "";
}

struct Judged {
  std::string expression; // what Pylint inferred: x for x.a, the callee, the value it names
  std::string member;     // for no-member: x.a
};

std::optional<Judged> judged_expression(const GuardableRule& rule, const Finding& f, const std::string& source) {
  Judged judged;
  if (rule.source == Source::message) {
    std::smatch match;
    if (!std::regex_match(f.message, match, std::regex(rule.pattern))) return std::nullopt;
    judged.expression = match[1].str();
  } else if (rule.source == Source::call) {
    judged.expression = callee_of(span_text(f, source));
  } else {
    std::string text = span_text(f, source);
    auto dot = text.rfind('.');
    if (dot == std::string::npos) return std::nullopt;
    judged.expression = text.substr(0, dot);
    judged.member = text;
  }
  if (!is_dotted_name(judged.expression)) return std::nullopt;
  return judged;
}

bool explains(const Narrowing& n, const GuardableRule& rule, const Judged& judged) {
  if (n.kind == Narrowing::Kind::value) return rule.value_guard_explains && n.name == judged.expression;
  return n.name == judged.expression || judged.expression.starts_with(n.name + ".") ||
         (!judged.member.empty() && n.name == judged.member);
}

std::string describe(const Narrowing& n) {
  std::string what = n.kind == Narrowing::Kind::value
                         ? "a test that it is not None"
                         : "a test of its type (isinstance, hasattr, callable, a TypeGuard or TypeIs function)";
  return "'" + n.name + "' is narrowed by " + what + " on line " + std::to_string(n.guard_line) +
         "; Pylint does not narrow, so it judged the expression as if unguarded";
}

} // namespace

bool is_guardable_inference_error(const Finding& finding) { return rule_of(finding) != nullptr; }

bool is_call_argument_error(const Finding& finding) {
  const GuardableRule* rule = rule_of(finding);
  return rule != nullptr && rule->source == Source::call;
}

std::string judged_callee(const Finding& finding, const std::string& source) {
  if (!is_call_argument_error(finding)) return "";
  auto judged = judged_expression(*rule_of(finding), finding, source);
  return judged ? judged->expression : "";
}

std::optional<Narrowing> explaining_narrowing(const Finding& finding, const std::string& source,
                                              const std::vector<Narrowing>& narrowings) {
  const GuardableRule* rule = rule_of(finding);
  if (rule == nullptr) return std::nullopt;
  auto judged = judged_expression(*rule, finding, source);
  if (!judged) return std::nullopt;
  for (const auto& n : narrowings)
    if (n.covers(finding.line, finding.column - 1) && explains(n, *rule, *judged)) return n;
  return std::nullopt;
}

void mark_guarded_inference(
    std::vector<Finding>& findings, const std::map<std::string, std::string>& sources,
    const std::function<std::map<std::string, std::vector<Narrowing>>(const std::set<std::string>&)>& narrowings) {
  std::set<std::string> paths;
  for (const auto& f : findings)
    if (f.advisory.empty() && is_guardable_inference_error(f) && sources.count(f.path) != 0) paths.insert(f.path);
  if (paths.empty() || !narrowings) return;
  const auto narrowed = narrowings(paths);
  for (auto& f : findings) {
    if (!f.advisory.empty() || paths.count(f.path) == 0) continue;
    auto file = narrowed.find(f.path);
    if (file == narrowed.end()) continue;
    if (auto n = explaining_narrowing(f, sources.at(f.path), file->second)) {
      f.advisory = describe(*n);
      f.level = Level::note;
    }
  }
}

} // namespace codegate
