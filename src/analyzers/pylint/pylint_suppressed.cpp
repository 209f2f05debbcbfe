#include "analyzers/pylint/pylint_suppressed.h"

#include <chrono>
#include <regex>
#include <set>

#include "analyzers/pylint/pylint.h"
#include "core/error.h"
#include "util/strings.h"
#include "util/subprocess.h"

namespace codegate {
namespace {

constexpr const char* k_suppressed_message_id = "I0020";

// "Unused variable %r" -> "Unused variable": the values Pylint would have put there are not known.
std::string without_placeholders(const std::string& text) {
  static const std::regex placeholder(R"(\s*(['"]?)%[-#0-9.]*[rsdif]\1)");
  return util::squeeze_whitespace(std::regex_replace(text, placeholder, ""));
}

} // namespace

std::optional<SuppressedMessage> parse_suppressed_message(const std::string& message) {
  static const std::regex form(R"(^Suppressed '([A-Za-z0-9_-]+)' \(from line (\d+)\)$)");
  std::smatch match;
  if (!std::regex_match(message, match, form)) return std::nullopt;
  return SuppressedMessage{match[1].str(), std::stoi(match[2].str())};
}

std::map<std::string, MessageHelp> parse_message_help(const std::string& text) {
  static const std::regex heading(R"(^:([A-Za-z0-9_-]+) \(([A-Z][0-9]{4})\): \*(.*)\*$)");
  std::map<std::string, MessageHelp> help;
  for (auto line : util::split_lines(text)) {
    std::smatch match;
    std::string owned(line);
    if (std::regex_match(owned, match, heading))
      help[match[1].str()] = MessageHelp{match[2].str(), without_placeholders(match[3].str())};
  }
  return help;
}

std::string pylint_type_of(const std::string& message_id) {
  if (message_id.empty()) return "";
  switch (message_id.front()) {
    case 'F': return "fatal";
    case 'E': return "error";
    case 'W': return "warning";
    case 'R': return "refactor";
    case 'C': return "convention";
    case 'I': return "info";
    default: return "";
  }
}

void expand_suppressed_messages(std::vector<Finding>& findings, double timeout_seconds, util::ProcessRunner& runner) {
  std::set<std::string> symbols;
  for (const auto& f : findings) {
    if (f.rule_id != k_suppressed_message_id) continue;
    if (auto suppressed = parse_suppressed_message(f.message)) symbols.insert(suppressed->symbol);
  }
  if (symbols.empty()) return;

  std::vector<std::string> argv = {"pylint", "--help-msg"};
  argv.insert(argv.end(), symbols.begin(), symbols.end());
  util::ProcessOptions options;
  options.timeout =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::duration<double>(timeout_seconds));
  auto result = runner.run(argv, options);
  if (result && result->timed_out)
    throw ToolError("pylint --help-msg did not finish within " + std::to_string(static_cast<long>(timeout_seconds)) +
                    " s (pylint.timeout)");
  if (!result || result->exit_code != 0)
    throw ToolError("pylint --help-msg failed, so suppressed findings cannot be described:\n" +
                    (result ? util::tail_lines(result->err.empty() ? result->out : result->err, 15) : "not started"));
  auto help = parse_message_help(result->out);

  for (auto& f : findings) {
    if (f.rule_id != k_suppressed_message_id) continue;
    auto suppressed = parse_suppressed_message(f.message);
    if (!suppressed) continue;
    auto entry = help.find(suppressed->symbol);
    f.rule_name = suppressed->symbol;
    f.rule_id = entry != help.end() ? entry->second.id : suppressed->symbol;
    f.tool_severity = pylint_type_of(f.rule_id);
    f.level = pylint_level(f.tool_severity);
    f.message = entry != help.end() && !entry->second.description.empty() ? entry->second.description
                                                                          : "Suppressed " + suppressed->symbol;
    f.help_uri = pylint_help_uri(f.tool_severity, f.rule_name);
    f.suppression = Suppression{suppressed->pragma_line, ""};
  }
}

std::string pylint_pragma(std::string_view line) {
  for (std::string_view marker : {"# pylint:", "#pylint:", "# pylint :"}) {
    std::size_t at = line.find(marker);
    if (at != std::string_view::npos) return std::string(util::trim(line.substr(at)));
  }
  return "";
}

} // namespace codegate
