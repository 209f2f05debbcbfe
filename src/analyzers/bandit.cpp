#include "analyzers/bandit.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <future>

#include "analyzers/cwe_table.h"
#include "analyzers/tool_process.h"
#include "core/error.h"
#include "util/json.h"
#include "util/strings.h"
#include "util/subprocess.h"

namespace codegate {
namespace {

constexpr const char* k_install_hint = "install it with: apt-get install bandit";
constexpr std::string_view k_syntax_error = "syntax error while parsing AST from file";

std::string string_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

} // namespace

int bandit_rank(const std::string& word) {
  std::string upper = word;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (upper == "LOW") return 1;
  if (upper == "MEDIUM") return 2;
  if (upper == "HIGH") return 3;
  return 0;
}

Level bandit_level(const std::string& severity) {
  switch (bandit_rank(severity)) {
    case 3: return Level::error;
    case 2: return Level::warning;
    default: return Level::note;
  }
}

BanditReport parse_bandit_json(const std::string& json) {
  rapidjson::Document doc = util::parse_json(json);
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("results") || !doc["results"].IsArray())
    throw ToolError("Bandit printed output that is not its JSON report");
  BanditReport report;
  for (const auto& result : doc["results"].GetArray()) {
    if (!result.IsObject()) throw ToolError("Bandit printed a JSON report with a non-object result");
    Finding f;
    f.tool = "bandit";
    f.rule_id = string_member(result, "test_id");
    f.rule_name = string_member(result, "test_name");
    f.cwe = bandit_cwe(f.rule_id);
    f.tool_severity = string_member(result, "issue_severity");
    f.confidence = string_member(result, "issue_confidence");
    f.level = bandit_level(f.tool_severity);
    f.path = normalise_tool_path(string_member(result, "filename"));
    auto line = result.FindMember("line_number");
    f.line = line != result.MemberEnd() && line->value.IsInt() ? std::max(1, line->value.GetInt()) : 1;
    f.column = 1;
    auto range = result.FindMember("line_range");
    if (range != result.MemberEnd() && range->value.IsArray() && !range->value.Empty()) {
      const auto& last = range->value[range->value.Size() - 1];
      if (last.IsInt() && last.GetInt() > f.line) f.end_line = last.GetInt();
    }
    f.message = string_member(result, "issue_text");
    f.help_uri = string_member(result, "more_info");
    report.findings.push_back(std::move(f));
  }
  auto errors = doc.FindMember("errors");
  if (errors != doc.MemberEnd() && errors->value.IsArray()) {
    for (const auto& error : errors->value.GetArray()) {
      if (!error.IsObject()) continue;
      report.errors.push_back({normalise_tool_path(string_member(error, "filename")), string_member(error, "reason")});
    }
  }
  return report;
}

AnalyzerOutput run_bandit(const AnalyzerInput& input, const BanditConfig& config) {
  AnalyzerOutput output;
  output.run.name = "bandit";
  // --ignore-nosec: Bandit reports what `# nosec` would hide, and codegate finds the comment
  // itself (analyzers/suppression_comments.h), so a change cannot silence its own findings unseen.
  ToolCommand command{"bandit",   k_install_hint,         {"--format", "json", "--ignore-nosec"}, input.files,
                      input.root, config.timeout_seconds, "bandit.timeout"};
  if (!input.config_file.empty()) {
    command.options.push_back("--configfile");
    command.options.push_back(input.config_file);
  }
  command.options.insert(command.options.end(), input.extra_args.begin(), input.extra_args.end());

  auto version = std::async(std::launch::async, tool_version, "bandit", config.timeout_seconds);
  // Bandit looks at one file at a time, so batches give exactly the findings of one run.
  for (const auto& result : run_tool(command)) {
    // Bandit exits 1 when it found issues; anything else but 0 is a failure of Bandit itself.
    if (result.signal != 0 || (result.exit_code != 0 && result.exit_code != 1)) {
      throw ToolError("bandit failed (exit " + std::to_string(result.exit_code) + "):\n" +
                      util::tail_lines(result.err.empty() ? result.out : result.err, 15) + "\n(" + k_install_hint +
                      ")");
    }
    BanditReport report;
    try {
      report = parse_bandit_json(result.out);
    } catch (const ToolError& e) {
      throw ToolError(std::string(e.what()) + ":\n" + util::tail_lines(result.out + result.err, 15) + "\n(" +
                      k_install_hint + ")");
    }
    output.findings.insert(output.findings.end(), std::make_move_iterator(report.findings.begin()),
                           std::make_move_iterator(report.findings.end()));
    for (const auto& error : report.errors) {
      std::string what = "bandit could not scan " + error.path + ": " + error.reason;
      if (error.reason == k_syntax_error || config.accept_scan_errors) {
        output.notes.push_back(what);
        continue;
      }
      // The file's code went unchecked: fail as for a crash, unless the configuration accepts it.
      throw ToolError(what + " (set bandit.accept_scan_errors: true in .codegate.yml to accept it as a note):\n" +
                      util::tail_lines(result.err, 5));
    }
  }
  output.run.version = version.get();
  output.run.status = ToolStatus::ok;
  return output;
}

} // namespace codegate
