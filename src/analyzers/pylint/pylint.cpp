#include "analyzers/pylint/pylint.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <future>
#include <limits>
#include <set>

#include "analyzers/pylint/pylint_suppressed.h"
#include "analyzers/tool_process.h"
#include "core/error.h"
#include "util/json.h"
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

// Pylint's messages about its configuration rather than about a file (a plugin it cannot load,
// an option only that plugin defines, a disabled message it does not know) carry the path of
// the configuration file, which is the run's temporary copy: they become notes, which name the
// plugin or option and never that path.
void configuration_messages_to_notes(std::vector<Finding>& findings, const std::vector<std::string>& files,
                                     std::vector<std::string>& notes) {
  static const std::set<std::string> about_configuration = {"E0013", "E0014", "E0015", "W0012", "R0022"};
  std::set<std::string> given(files.begin(), files.end());
  std::erase_if(findings, [&](const Finding& f) {
    if (given.count(f.path) != 0 || about_configuration.count(f.rule_id) == 0) return false;
    std::string note = f.rule_id == "E0013" ? "pylint: " + f.message +
                                                  ": the project's Pylint configuration names a plugin this "
                                                  "machine does not have, so its checks did not run"
                                            : "pylint: " + f.message +
                                                  " in the project's Pylint configuration (an option of a "
                                                  "plugin that is not loaded?); Pylint ignored it";
    if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(note);
    return true;
  });
}

// A file Pylint could not parse (E0001 "Parsing failed", F0010 parse-error: a syntax error, or one
// for the Python the tools run on but not for a newer one the project uses, or bytes that are not
// its encoding) had none of its code analysed, by Pylint or by Bandit, which cannot parse it either:
// whichever line the error is on, the file is not analysed (codegate/not-analysed, which fails).
// Pylint's other E0001, "Cannot import 'x' due to syntax error", is about a module the file
// imports: the file itself was analysed.
bool unparsed(const Finding& f) {
  return f.rule_id == "F0010" || (f.rule_id == "E0001" && f.message.rfind("Parsing failed", 0) == 0);
}

void refuse_unparsed(std::vector<Finding>& findings) {
  std::set<std::string> refused;
  std::vector<Finding> added;
  for (const auto& f : findings) {
    if (!unparsed(f) || !refused.insert(f.path).second) continue;
    added.push_back(not_analysed_finding(
        f.path,
        "pylint could not parse it (" + f.rule_id + " at line " + std::to_string(f.line) + ": " + f.message +
            "), so none of its code was checked. Fix the error; if the code is valid for a newer Python than "
            "the one Pylint runs on, run the gate where Pylint runs on that Python (the codegate image).",
        1));
  }
  findings.insert(findings.end(), added.begin(), added.end());
}

} // namespace

std::string pylint_help_uri(const std::string& type, const std::string& symbol) {
  return "https://pylint.readthedocs.io/en/latest/user_guide/messages/" + type + "/" + symbol + ".html";
}

Level pylint_level(const std::string& type) {
  if (type == "fatal" || type == "error") return Level::error;
  if (type == "warning") return Level::warning;
  return Level::note;
}

std::vector<Finding> parse_pylint_json(const std::string& json) {
  rapidjson::Document doc = util::parse_json(json);
  if (doc.HasParseError()) throw ToolError("Pylint printed output that is not its JSON report");
  // `json` (Pylint 2 and 3) is the list of messages; Pylint 3's `json2` wraps the same fields
  // (`messageId` for `message-id`) in {"messages": [...], "statistics": {...}}.
  const rapidjson::Value* messages = &doc;
  if (doc.IsObject()) {
    auto it = doc.FindMember("messages");
    if (it != doc.MemberEnd()) messages = &it->value;
  }
  if (!messages->IsArray()) throw ToolError("Pylint printed output that is not its JSON report");
  std::vector<Finding> findings;
  for (const auto& message : messages->GetArray()) {
    if (!message.IsObject()) throw ToolError("Pylint printed a JSON report with a non-object message");
    Finding f;
    f.tool = "pylint";
    f.rule_id = string_member(message, "message-id");
    if (f.rule_id.empty()) f.rule_id = string_member(message, "messageId");
    f.rule_name = string_member(message, "symbol");
    f.tool_severity = string_member(message, "type");
    f.level = pylint_level(f.tool_severity);
    f.path = normalise_tool_path(string_member(message, "path"));
    f.line = std::max(1, int_member(message, "line", 1));
    f.column = one_based_column(message, "column", 1);
    f.end_line = int_member(message, "endLine", 0);
    f.end_column = one_based_column(message, "endColumn", 0);
    f.message = string_member(message, "message");
    f.help_uri = pylint_help_uri(f.tool_severity, f.rule_name);
    findings.push_back(std::move(f));
  }
  return findings;
}

AnalyzerOutput run_pylint(const AnalyzerInput& input, const PylintConfig& config) {
  AnalyzerOutput output;
  output.run.name = "pylint";
  ToolCommand command{"pylint", k_install_hint, {}, input.files, input.root, config.timeout_seconds, "pylint.timeout"};
  // Always an explicit rcfile: without one Pylint would search the analysed tree and the home
  // directory for configuration, which the change could influence.
  command.options = {"--output-format=json", "--rcfile=" + input.config_file,
                     "--jobs=" + std::to_string(std::max(1, input.jobs)), "--persistent=no"};
  if (!config.disable.empty()) command.options.push_back("--disable=" + util::join(config.disable, ","));
  command.options.insert(command.options.end(), input.extra_args.begin(), input.extra_args.end());
  // Last, so no configuration turns them off: a `# pylint: disable` must never hide a finding
  // unseen, and Pylint analyses every file it is given (its defaults ignore=CVS and
  // ignore-patterns=^\.# would drop `.#job.py` or a script named CVS while the report lists it
  // as checked); which files are analysed is the gate's decision.
  command.options.insert(command.options.end(),
                         {"--enable=suppressed-message", "--ignore=", "--ignore-patterns=", "--ignore-paths="});

  // The version query (when the caller has not asked already) overlaps the real run instead of
  // adding its start-up time to the wall time.
  std::shared_future<std::string> version =
      input.version.valid()
          ? input.version
          : std::async(std::launch::async, [&runner = input.processes, timeout = config.timeout_seconds] {
              return tool_version("pylint", timeout, runner);
            }).share();
  // More files than one command line holds run in batches: cross-file checks (duplicate-code,
  // cyclic-import) then compare the files of a batch only (docs/usage.md, "Large changes").
  for (const auto& result : run_tool(command, input.processes)) {
    if (result.signal != 0 || (result.exit_code & k_pylint_usage_error) != 0 || result.exit_code > 63) {
      throw ToolError("pylint failed (exit " + std::to_string(result.exit_code) +
                      (result.signal != 0 ? ", signal " + std::to_string(result.signal) : "") + "):\n" +
                      util::tail_lines(result.err.empty() ? result.out : result.err, 15) + "\n(" + k_install_hint +
                      ")");
    }
    try {
      auto findings = parse_pylint_json(result.out);
      output.findings.insert(output.findings.end(), std::make_move_iterator(findings.begin()),
                             std::make_move_iterator(findings.end()));
    } catch (const ToolError& e) {
      throw ToolError(std::string(e.what()) + ":\n" + util::tail_lines(result.out + result.err, 15) + "\n(" +
                      k_install_hint + ")");
    }
  }
  expand_suppressed_messages(output.findings, config.timeout_seconds, input.processes);
  configuration_messages_to_notes(output.findings, input.files, output.notes);
  refuse_unparsed(output.findings);
  output.run.version = version.get();
  output.run.status = ToolStatus::ok;
  return output;
}

} // namespace codegate
