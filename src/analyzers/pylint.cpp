#include "analyzers/pylint.h"

#include <rapidjson/document.h>

#include <future>
#include <limits>

#include "core/error.h"
#include "util/strings.h"
#include "util/subprocess.h"

namespace codegate {
namespace {

constexpr const char* k_install_hint = "install it with: apt-get install pylint";
constexpr int k_pylint_usage_error = 32;

std::string string_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

int int_member(const rapidjson::Value& object, const char* name, int fallback) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsInt() ? it->value.GetInt() : fallback;
}

// Pylint's 0-based column as a 1-based one; `missing` when Pylint gave none, or one no column can
// be (negative, or INT_MAX, whose +1 would overflow).
int one_based_column(const rapidjson::Value& message, const char* name, int missing) {
  int column = int_member(message, name, -1);
  return column >= 0 && column < std::numeric_limits<int>::max() ? column + 1 : missing;
}

std::string pylint_version() {
  auto result = util::run_process({"pylint", "--version"});
  if (!result || result->exit_code != 0) return "";
  // "pylint 2.16.2\nastroid 2.14.2\n..."
  auto lines = util::split_lines(result->out);
  if (lines.empty()) return "";
  auto first = lines.front();
  auto space = first.rfind(' ');
  return std::string(space == std::string_view::npos ? first : first.substr(space + 1));
}

} // namespace

Level pylint_level(const std::string& type) {
  if (type == "fatal" || type == "error") return Level::error;
  if (type == "warning") return Level::warning;
  return Level::note;
}

std::vector<Finding> parse_pylint_json(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  if (doc.HasParseError() || !doc.IsArray()) throw ToolError("Pylint printed output that is not its JSON report");
  std::vector<Finding> findings;
  for (const auto& message : doc.GetArray()) {
    if (!message.IsObject()) throw ToolError("Pylint printed a JSON report with a non-object message");
    Finding f;
    f.tool = "pylint";
    f.rule_id = string_member(message, "message-id");
    f.rule_name = string_member(message, "symbol");
    f.tool_severity = string_member(message, "type");
    f.level = pylint_level(f.tool_severity);
    f.path = normalise_tool_path(string_member(message, "path"));
    f.line = std::max(1, int_member(message, "line", 1));
    f.column = one_based_column(message, "column", 1);
    f.end_line = int_member(message, "endLine", 0);
    f.end_column = one_based_column(message, "endColumn", 0);
    f.message = string_member(message, "message");
    f.help_uri =
        "https://pylint.readthedocs.io/en/latest/user_guide/messages/" + f.tool_severity + "/" + f.rule_name + ".html";
    findings.push_back(std::move(f));
  }
  return findings;
}

AnalyzerOutput run_pylint(const AnalyzerInput& input, const PylintConfig& config) {
  AnalyzerOutput output;
  output.run.name = "pylint";
  // Always an explicit rcfile: without one Pylint would search the analysed tree and the home
  // directory for configuration, which the change could influence.
  std::vector<std::string> argv = {"pylint", "--output-format=json", "--rcfile=" + input.config_file,
                                   "--jobs=" + std::to_string(std::max(1, input.jobs)), "--persistent=no"};
  if (!config.disable.empty()) argv.push_back("--disable=" + util::join(config.disable, ","));
  argv.insert(argv.end(), input.extra_args.begin(), input.extra_args.end());
  argv.push_back("--");
  for (const auto& file : input.files) argv.push_back(file_argument(file));

  // The version query overlaps the real run instead of adding its start-up time to the wall time.
  auto version = std::async(std::launch::async, pylint_version);
  util::ProcessOptions options;
  options.cwd = input.root;
  auto result = util::run_process(argv, options);
  if (!result) throw ToolError("pylint is not installed or not on PATH; " + std::string(k_install_hint));
  if (result->signal != 0 || (result->exit_code & k_pylint_usage_error) != 0 || result->exit_code > 63) {
    throw ToolError("pylint failed (exit " + std::to_string(result->exit_code) +
                    (result->signal != 0 ? ", signal " + std::to_string(result->signal) : "") + "):\n" +
                    util::tail_lines(result->err.empty() ? result->out : result->err, 15) + "\n(" + k_install_hint +
                    ")");
  }
  try {
    output.findings = parse_pylint_json(result->out);
  } catch (const ToolError& e) {
    throw ToolError(std::string(e.what()) + ":\n" + util::tail_lines(result->out + result->err, 15) + "\n(" +
                    k_install_hint + ")");
  }
  output.run.version = version.get();
  output.run.status = "ok";
  return output;
}

} // namespace codegate
