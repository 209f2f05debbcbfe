#include "analyzers/pyflakes/pyflakes.h"

#include <future>
#include <regex>
#include <set>

#include "analyzers/tool_process.h"
#include "core/error.h"
#include "util/strings.h"
#include "util/subprocess.h"

namespace codegate {
namespace {

constexpr const char* k_install_hint = "install it with: apt-get install pyflakes3";

// Pyflakes's messages (pyflakes/messages.py, 2.5 to 3.2) by the start of their text, in an order
// where no pattern is a prefix of one listed after it.
struct MessagePattern {
  const char* pattern;
  PyflakesRule rule;
};
const MessagePattern k_messages[] = {
    {R"('.*' imported but unused)", {"F401", "unused-import", false}},
    {R"(import '.*' from line \d+ shadowed by loop variable)", {"F402", "import-shadowed-by-loop-var", false}},
    {R"('from .* import \*' used; unable to detect undefined names)",
     {"F403", "undefined-local-with-import-star", false}},
    {R"(from __future__ imports must occur at the beginning of the file)", {"F404", "late-future-import", true}},
    {R"('.*' may be undefined, or defined from star imports: )",
     {"F405", "undefined-local-with-import-star-usage", false}},
    {R"('from .* import \*' only allowed at module level)",
     {"F406", "undefined-local-with-nested-import-star-usage", true}},
    {R"(future feature .* is not defined)", {"F407", "future-feature-not-defined", true}},
    {R"('\.\.\.' % \.\.\. has invalid format string: )", {"F501", "percent-format-invalid-format", true}},
    {R"('\.\.\.' % \.\.\. expected mapping but got sequence)", {"F502", "percent-format-expected-mapping", true}},
    {R"('\.\.\.' % \.\.\. expected sequence but got mapping)", {"F503", "percent-format-expected-sequence", true}},
    {R"('\.\.\.' % \.\.\. has unused named argument\(s\): )", {"F504", "percent-format-extra-named-arguments", false}},
    {R"('\.\.\.' % \.\.\. is missing argument\(s\) for placeholder\(s\): )",
     {"F505", "percent-format-missing-argument", true}},
    {R"('\.\.\.' % \.\.\. has mixed positional and named placeholders)",
     {"F506", "percent-format-mixed-positional-and-named", true}},
    {R"('\.\.\.' % \.\.\. has \d+ placeholder\(s\) but \d+ substitution\(s\))",
     {"F507", "percent-format-positional-count-mismatch", true}},
    {R"('\.\.\.' % \.\.\. `\*` specifier requires sequence)", {"F508", "percent-format-star-requires-sequence", true}},
    {R"('\.\.\.' % \.\.\. has unsupported format character )",
     {"F509", "percent-format-unsupported-format-character", true}},
    {R"('\.\.\.'\.format\(\.\.\.\) has invalid format string: )", {"F521", "string-dot-format-invalid-format", true}},
    {R"('\.\.\.'\.format\(\.\.\.\) has unused named argument\(s\): )",
     {"F522", "string-dot-format-extra-named-arguments", false}},
    {R"('\.\.\.'\.format\(\.\.\.\) has unused arguments at position\(s\): )",
     {"F523", "string-dot-format-extra-positional-arguments", false}},
    {R"('\.\.\.'\.format\(\.\.\.\) is missing argument\(s\) for placeholder\(s\): )",
     {"F524", "string-dot-format-missing-arguments", true}},
    {R"('\.\.\.'\.format\(\.\.\.\) mixes automatic and manual numbering)",
     {"F525", "string-dot-format-mixing-automatic", true}},
    {R"(f-string is missing placeholders)", {"F541", "f-string-missing-placeholders", false}},
    {R"(dictionary key variable .* repeated with different values)",
     {"F602", "multi-value-repeated-key-variable", false}},
    {R"(dictionary key .* repeated with different values)", {"F601", "multi-value-repeated-key-literal", false}},
    {R"(too many expressions in star-unpacking assignment)", {"F621", "expressions-in-star-assignment", true}},
    {R"(two starred expressions in assignment)", {"F622", "multiple-starred-expressions", true}},
    {R"(assertion is always true, perhaps remove parentheses\?)", {"F631", "assert-tuple", true}},
    {R"(use ==/!= to compare constant literals)", {"F632", "is-literal", true}},
    {R"(use of >> is invalid with print function)", {"F633", "invalid-print-syntax", true}},
    {R"('if tuple literal' is always true)", {"F634", "if-tuple", true}},
    {R"('break' outside loop)", {"F701", "break-outside-loop", true}},
    {R"('continue' not properly in loop)", {"F702", "continue-outside-loop", true}},
    {R"('(yield|yield from|await)' outside function)", {"F704", "yield-outside-function", true}},
    {R"('return' outside function)", {"F706", "return-outside-function", true}},
    {R"(default 'except:' must be last)", {"F707", "default-except-not-last", true}},
    {R"(syntax error in forward annotation )", {"F722", "forward-annotation-syntax-error", true}},
    {R"(redefinition of unused .* from line \d+)", {"F811", "redefined-while-unused", false}},
    {R"(undefined name .* in __all__)", {"F822", "undefined-export", true}},
    {R"(undefined name )", {"F821", "undefined-name", true}},
    {R"(local variable .* referenced before assignment)", {"F823", "undefined-local", true}},
    {R"(local variable .* is assigned to but never used)", {"F841", "unused-variable", false}},
    {R"(local variable .* is annotated but never used)", {"F842", "unused-annotation", false}},
    {R"('raise NotImplemented' should be 'raise NotImplementedError')", {"F901", "raise-not-implemented", true}},
};

// A message no pattern knows (a newer Pyflakes): kept, under a rule of its own, never dropped.
constexpr PyflakesRule k_unknown_message = {"F000", "pyflakes-message", false};

// "./path:line:col: text" where ./path is one of `arguments`; the path's index and the rest.
struct Located {
  std::size_t file = 0;
  int line = 1;
  int column = 1;
  std::string text;
};

// Reads the location after a file argument: ":line:col: text" (Pyflakes 2.2 and later print the
// column), or ": text" for a problem with the file itself.
std::optional<Located> locate(std::string_view line, const std::vector<std::string>& arguments) {
  static const std::regex position(R"(^:(\d{1,9}):(\d{1,9}):? (.*)$)");
  std::optional<Located> best;
  std::size_t best_length = 0;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    // The longest given path that starts the line: "./a.py:1" is not "./a.py:1:2.py"'s.
    if (argument.size() <= best_length || !util::starts_with(line, argument)) continue;
    std::string rest(line.substr(argument.size()));
    std::smatch match;
    if (std::regex_match(rest, match, position)) {
      best = Located{i, std::stoi(match[1].str()), std::stoi(match[2].str()), match[3].str()};
    } else if (util::starts_with(rest, ": ")) {
      best = Located{i, 0, 0, rest.substr(2)};
    } else {
      continue;
    }
    best_length = argument.size();
  }
  return best;
}

Finding problem(const std::string& path, const Located& where) {
  PyflakesRule rule = pyflakes_rule(where.text).value_or(k_unknown_message);
  Finding f;
  f.tool = std::string(k_pyflakes_tool);
  f.rule_id = std::string(rule.code);
  f.rule_name = std::string(rule.name);
  f.level = rule.bug ? Level::error : Level::warning;
  f.tool_severity = rule.bug ? "error" : "warning";
  f.path = path;
  f.line = std::max(1, where.line);
  f.column = std::max(1, where.column);
  f.message = where.text;
  if (rule.code != k_unknown_message.code) f.help_uri = "https://docs.astral.sh/ruff/rules/" + f.rule_name + "/";
  return f;
}

[[noreturn]] void unreadable(const std::string& what, const util::ProcessResult& result) {
  throw ToolError("pyflakes " + what + ":\n" + util::tail_lines(result.err.empty() ? result.out : result.err, 15) +
                  "\n(" + k_install_hint + ")");
}

} // namespace

std::optional<PyflakesRule> pyflakes_rule(std::string_view message) {
  static const std::vector<std::pair<std::regex, PyflakesRule>> compiled = [] {
    std::vector<std::pair<std::regex, PyflakesRule>> out;
    for (const auto& m : k_messages) out.emplace_back(std::regex(std::string("^") + m.pattern), m.rule);
    return out;
  }();
  const std::string text(message);
  for (const auto& [pattern, rule] : compiled)
    if (std::regex_search(text, pattern)) return rule;
  return std::nullopt;
}

std::vector<Finding> parse_pyflakes_output(const util::ProcessResult& result, const std::vector<std::string>& files) {
  std::vector<std::string> arguments;
  for (const auto& path : files) arguments.push_back(file_argument(path));
  std::vector<Finding> findings;
  for (auto line : util::split_lines(result.out)) {
    if (line.empty()) continue;
    auto where = locate(line, arguments);
    if (!where || where->line == 0) unreadable("printed a line codegate cannot read: " + std::string(line), result);
    findings.push_back(problem(files[where->file], *where));
  }
  // stderr: a file it could not parse ("./a.py:1:7: invalid syntax", then the line and a caret),
  // or could not read ("./a.py: No such file or directory"); a traceback is a crash.
  std::set<std::size_t> not_parsed;
  for (auto line : util::split_lines(result.err)) {
    if (util::starts_with(line, "Traceback (most recent call last)")) unreadable("crashed", result);
    auto where = locate(line, arguments);
    if (!where) continue; // the source line and caret under a syntax error
    if (where->line == 0) unreadable("could not read " + files[where->file] + ": " + where->text, result);
    if (!not_parsed.insert(where->file).second) continue;
    findings.push_back(not_analysed_finding(
        files[where->file],
        "pyflakes could not parse it (" + where->text + " at line " + std::to_string(where->line) +
            "), so none of its code was checked. Fix the error; if the code is valid for a newer Python, run the "
            "gate where the tools run on that Python (the codegate image).",
        1));
  }
  return findings;
}

AnalyzerOutput run_pyflakes(const AnalyzerInput& input, const OptInAnalyzerConfig& settings) {
  util::ProcessRunner& runner = input.processes;
  AnalyzerOutput output;
  output.run.name = std::string(k_pyflakes_tool);
  ToolCommand command{std::string(k_pyflakes_program),
                      k_install_hint,
                      input.extra_args,
                      input.files,
                      input.root,
                      settings.timeout_seconds,
                      "analyzers.pyflakes.timeout"};
  std::shared_future<std::string> version =
      input.version.valid() ? input.version
                            : std::async(std::launch::async, [&runner, timeout = settings.timeout_seconds] {
                                return tool_version(std::string(k_pyflakes_program), timeout, runner);
                              }).share();
  // Pyflakes reads one file at a time, so batches give exactly the findings of one run.
  for (const auto& result : run_tool(command, runner)) {
    // Exit 1: it found problems (or crashed: parse_pyflakes_output reads the traceback).
    if (result.signal != 0 || (result.exit_code != 0 && result.exit_code != 1))
      unreadable("failed (exit " + std::to_string(result.exit_code) + ")", result);
    auto findings = parse_pyflakes_output(result, input.files);
    output.findings.insert(output.findings.end(), std::make_move_iterator(findings.begin()),
                           std::make_move_iterator(findings.end()));
  }
  output.run.version = version.get();
  output.run.status = ToolStatus::ok;
  return output;
}

} // namespace codegate
