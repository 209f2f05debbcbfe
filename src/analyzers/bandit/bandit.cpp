#include "analyzers/bandit/bandit.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <future>
#include <limits>
#include <optional>
#include <set>

#include "analyzers/bandit/cwe_table.h"
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

// Bandit >= 1.7.5 prints `issue_cwe: {"id": 78, "link": ...}` (id 0 or an empty object: none).
std::optional<int> issue_cwe(const rapidjson::Value& result) {
  auto it = result.FindMember("issue_cwe");
  if (it == result.MemberEnd() || !it->value.IsObject()) return std::nullopt;
  auto id = it->value.FindMember("id");
  if (id == it->value.MemberEnd() || !id->value.IsInt() || id->value.GetInt() <= 0) return std::nullopt;
  return id->value.GetInt();
}

// Bandit >= 1.7's 0-based `col_offset` / `end_col_offset` as a 1-based column; `missing` when
// absent (1.6) or no column can be.
int one_based_column(const rapidjson::Value& result, const char* name, int missing) {
  auto it = result.FindMember(name);
  if (it == result.MemberEnd() || !it->value.IsInt()) return missing;
  int column = it->value.GetInt();
  return column >= 0 && column < std::numeric_limits<int>::max() ? column + 1 : missing;
}

// "1.7.10" >= 1.7; false for anything that is not a version.
bool reads_toml_config(const std::string& version) {
  int major = 0;
  int minor = 0;
  if (std::sscanf(version.c_str(), "%d.%d", &major, &minor) != 2) return false;
  return major > 1 || (major == 1 && minor >= 7);
}

// One batch's report; throws ToolError when Bandit failed or printed no report naming what it scanned.
BanditReport read_batch(const util::ProcessResult& result) {
  // Bandit exits 1 when it found issues; anything else but 0 is a failure of Bandit itself.
  if (result.signal != 0 || (result.exit_code != 0 && result.exit_code != 1)) {
    throw ToolError("bandit failed (exit " + std::to_string(result.exit_code) + "):\n" +
                    util::tail_lines(result.err.empty() ? result.out : result.err, 15) + "\n(" + k_install_hint + ")");
  }
  BanditReport report;
  try {
    report = parse_bandit_json(result.out);
  } catch (const ToolError& e) {
    throw ToolError(std::string(e.what()) + ":\n" + util::tail_lines(result.out + result.err, 15) + "\n(" +
                    k_install_hint + ")");
  }
  if (!report.scanned) throw ToolError("Bandit printed a JSON report that names no scanned file (no metrics)");
  for (const auto& error : report.errors) report.scanned->insert(error.path);
  return report;
}

// The files Bandit could not scan: one it cannot parse is not analysed; any other error fails the
// run, unless bandit.accept_scan_errors makes it a note. `err`: what Bandit printed on stderr.
void add_scan_errors(const std::vector<BanditScanError>& errors, const BanditConfig& config, const std::string& err,
                     AnalyzerOutput& output) {
  for (const auto& error : errors) {
    std::string what = "bandit could not scan " + error.path + ": " + error.reason;
    if (error.reason == k_syntax_error) {
      // None of the file's code was checked (Pylint, if it runs, says where the error is).
      output.findings.push_back(not_analysed_finding(
          error.path,
          "bandit could not parse it (a syntax error, or one for the Python the tools run on), so none of its "
          "code was checked. Fix the error; if the code is valid for a newer Python, run the gate where the "
          "tools run on that Python (the codegate image).",
          1));
      output.notes.push_back(what);
      continue;
    }
    if (config.accept_scan_errors) {
      output.notes.push_back(what);
      continue;
    }
    // The file's code went unchecked: fail as for a crash, unless the configuration accepts it.
    throw ToolError(what + " (set bandit.accept_scan_errors: true in .codegate.yml to accept it as a note):\n" +
                    util::tail_lines(err, 5));
  }
}

// A file Bandit was given and did not scan is not analysed.
void add_unscanned(const std::vector<std::string>& files, const std::set<std::string>& scanned,
                   AnalyzerOutput& output) {
  for (const auto& path : files) {
    if (scanned.count(path) != 0) continue;
    output.findings.push_back(not_analysed_finding(
        path,
        "bandit was given it and did not scan it: its configuration's exclude_dirs, which Bandit matches as a "
        "substring of the path, left it out. List the files to leave out under exclude: in .codegate.yml, so "
        "the gate and every tool agree.",
        1));
  }
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
    // Bandit's own CWE where it prints one; the table (the same assignments, checked in a test)
    // for Bandit 1.6, which prints none.
    f.cwe = issue_cwe(result);
    if (!f.cwe) f.cwe = bandit_cwe(f.rule_id);
    f.tool_severity = string_member(result, "issue_severity");
    f.confidence = string_member(result, "issue_confidence");
    f.level = bandit_level(f.tool_severity);
    f.path = normalise_tool_path(string_member(result, "filename"));
    auto line = result.FindMember("line_number");
    f.line = line != result.MemberEnd() && line->value.IsInt() ? std::max(1, line->value.GetInt()) : 1;
    f.column = one_based_column(result, "col_offset", 1);
    auto range = result.FindMember("line_range");
    if (range != result.MemberEnd() && range->value.IsArray() && !range->value.Empty()) {
      const auto& last = range->value[range->value.Size() - 1];
      if (last.IsInt() && last.GetInt() > f.line) f.end_line = last.GetInt();
    }
    // The end column belongs to the last line of the range; on the first line it must lie past the start.
    f.end_column = one_based_column(result, "end_col_offset", 0);
    if (f.end_line == 0 && f.end_column <= f.column) f.end_column = 0;
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
  auto metrics = doc.FindMember("metrics");
  if (metrics != doc.MemberEnd() && metrics->value.IsObject()) {
    report.scanned.emplace();
    for (const auto& file : metrics->value.GetObject()) {
      std::string name(file.name.GetString(), file.name.GetStringLength());
      if (name != "_totals") report.scanned->insert(normalise_tool_path(std::move(name)));
    }
  }
  return report;
}

AnalyzerOutput run_bandit(const AnalyzerInput& input, const BanditConfig& config) {
  AnalyzerOutput output;
  output.run.name = "bandit";
  // --ignore-nosec: Bandit reports what `# nosec` would hide, and codegate finds the comment
  // itself (analyzers/bandit/nosec.h), so a change cannot silence its own findings unseen.
  // --exclude "": Bandit 1.7's default excludes (.git, CVS, *.egg ... as substrings of the path)
  // would leave `.github/scripts/deploy.py` unscanned; which files are analysed is the gate's decision.
  ToolCommand command{"bandit",        k_install_hint, {"--format", "json", "--ignore-nosec", "--exclude", ""},
                      input.files,     input.root,     config.timeout_seconds,
                      "bandit.timeout"};
  // A TOML configuration ([tool.bandit] in pyproject.toml) needs Bandit >= 1.7, so only then is
  // the version asked for before the run; 1.6 would read the file as YAML and fail.
  std::string known_version;
  bool toml_config = input.config_file.size() > 5 && input.config_file.ends_with(".toml");
  if (toml_config)
    known_version =
        input.version.valid() ? input.version.get() : tool_version("bandit", config.timeout_seconds, input.processes);
  if (!input.config_file.empty() && (!toml_config || reads_toml_config(known_version))) {
    command.options.push_back("--configfile");
    command.options.push_back(input.config_file);
  } else if (toml_config) {
    output.notes.push_back("bandit " + known_version +
                           " cannot read [tool.bandit] from pyproject.toml (Bandit 1.7 can); it ran without it");
  }
  command.options.insert(command.options.end(), input.extra_args.begin(), input.extra_args.end());

  std::shared_future<std::string> version =
      toml_config ? std::async(std::launch::deferred, [known_version] { return known_version; }).share()
      : input.version.valid()
          ? input.version
          : std::async(std::launch::async, [&runner = input.processes, timeout = config.timeout_seconds] {
              return tool_version("bandit", timeout, runner);
            }).share();
  // Bandit looks at one file at a time, so batches give exactly the findings of one run.
  std::set<std::string> scanned;
  for (const auto& result : run_tool(command, input.processes)) {
    BanditReport report = read_batch(result);
    output.findings.insert(output.findings.end(), std::make_move_iterator(report.findings.begin()),
                           std::make_move_iterator(report.findings.end()));
    scanned.insert(report.scanned->begin(), report.scanned->end());
    add_scan_errors(report.errors, config, result.err, output);
  }
  add_unscanned(input.files, scanned, output);
  output.run.version = version.get();
  output.run.status = ToolStatus::ok;
  return output;
}

} // namespace codegate
