#pragma once
// Pylint and Bandit as a util::ProcessRunner: each answers its real command line in its real JSON
// with the findings a test gives it, on every line of the files after "--" that holds a finding's
// code (read in the command's working directory, so a base revision gets its own lines), and
// records every command. So the pipeline (the check, the result cache, the baseline) is tested
// without the tools installed. Thread-safe: the analyzers run concurrently.

#include <algorithm>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/files.h"
#include "util/json_writer.h"
#include "util/process_runner.h"
#include "util/temp_dir.h"

namespace codegate::testing {

// One finding a fake tool reports on each line of `path` that holds `code`.
struct ToolAnswer {
  std::string path;      // repository-relative
  std::string code;      // "shell=True"
  std::string rule_id;   // "W0611", "B602"
  std::string rule_name; // "unused-import", "subprocess_popen_with_shell_equals_true"
  std::string severity;  // Pylint's type ("warning"), Bandit's issue_severity ("HIGH")
  std::string message;
};

class FakeTools : public util::ProcessRunner {
public:
  FakeTools() {
    for (const char* name : {"pylint", "bandit"})
      (void)util::write_file(programs_.path() + "/" + name, std::string("#!/bin/false\n# fake ") + name + "\n");
  }

  std::vector<ToolAnswer> pylint;
  std::vector<ToolAnswer> bandit;
  std::vector<std::string> missing; // programs that are not installed

  std::optional<util::ProcessResult> run(const std::vector<std::string>& argv,
                                         const util::ProcessOptions& options) override {
    std::lock_guard<std::mutex> lock(mutex_);
    commands_.push_back(argv);
    const std::string program = argv.front().substr(argv.front().rfind('/') + 1);
    if (is_missing(program) || (program != "pylint" && program != "bandit")) return std::nullopt;
    util::ProcessResult result;
    result.exit_code = 0;
    if (is_version_query(argv)) {
      result.out = program == "pylint" ? "pylint 2.16.2\nastroid 2.14.2\nPython 3.11.2\n" : "bandit 1.7.5\n";
      return result;
    }
    const std::vector<std::string> files = files_of(argv);
    Found found;
    for (const auto& answer : program == "pylint" ? pylint : bandit) {
      if (std::find(files.begin(), files.end(), answer.path) == files.end()) continue;
      auto bytes = util::read_file(options.cwd + "/" + answer.path);
      std::string text = bytes ? *bytes : "";
      int line = 0;
      for (std::string_view rest = text; !rest.empty();) {
        auto end = rest.find('\n');
        ++line;
        if (rest.substr(0, end).find(answer.code) != std::string_view::npos) found.emplace_back(&answer, line);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      }
    }
    if (program == "pylint") {
      result.out = pylint_json(found);
      result.exit_code = found.empty() ? 0 : 4; // Pylint's bit for a warning
    } else {
      result.out = bandit_json(files, found);
      result.exit_code = found.empty() ? 0 : 1;
    }
    return result;
  }

  std::string find_program(const std::string& name) override {
    return (name == "pylint" || name == "bandit") && !is_missing(name) ? programs_.path() + "/" + name : "";
  }

  // The files of each run of `program` (its `--version` queries left out), repository-relative.
  std::vector<std::vector<std::string>> runs(const std::string& program) const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::vector<std::string>> out;
    for (const auto& argv : commands_)
      if (argv.front().ends_with(program) && !is_version_query(argv)) out.push_back(files_of(argv));
    return out;
  }

private:
  using Found = std::vector<std::pair<const ToolAnswer*, int>>; // an answer and the line it is on

  bool is_missing(const std::string& program) const {
    return std::find(missing.begin(), missing.end(), program) != missing.end();
  }

  static bool is_version_query(const std::vector<std::string>& argv) {
    return argv.size() == 2 && argv[1] == "--version";
  }

  static std::vector<std::string> files_of(const std::vector<std::string>& argv) {
    std::vector<std::string> files;
    auto dashes = std::find(argv.begin(), argv.end(), "--");
    if (dashes == argv.end()) return files;
    for (auto it = dashes + 1; it != argv.end(); ++it) files.push_back(it->substr(it->rfind("./", 0) == 0 ? 2 : 0));
    return files;
  }

  static std::string pylint_json(const Found& found) {
    util::JsonWriter json(util::JsonStyle::compact);
    json.start_array();
    for (const auto& [answer, line] : found) {
      json.start_object()
          .member("type", answer->severity)
          .member("module", "m")
          .member("obj", "")
          .member("line", line)
          .member("column", 0)
          .member("path", answer->path)
          .member("symbol", answer->rule_name)
          .member("message", answer->message)
          .member("message-id", answer->rule_id)
          .end_object();
    }
    json.end_array();
    return json.str();
  }

  static std::string bandit_json(const std::vector<std::string>& files, const Found& found) {
    util::JsonWriter json(util::JsonStyle::compact);
    json.start_object().start_array("errors").end_array();
    json.start_object("metrics");
    for (const auto& path : files) json.start_object("./" + path).member("loc", 1).end_object();
    json.start_object("_totals").member("loc", static_cast<int>(files.size())).end_object();
    json.end_object();
    json.start_array("results");
    for (const auto& [answer, line] : found) {
      json.start_object()
          .member("filename", "./" + answer->path)
          .member("test_id", answer->rule_id)
          .member("test_name", answer->rule_name)
          .member("issue_severity", answer->severity)
          .member("issue_confidence", "HIGH")
          .member("issue_text", answer->message)
          .member("line_number", line)
          .member("col_offset", 0)
          .member("more_info", "https://bandit.readthedocs.io/")
          .start_array("line_range")
          .integer(line)
          .end_array()
          .end_object();
    }
    json.end_array().end_object();
    return json.str();
  }

  util::TempDir programs_{"codegate-fake-tools"};
  mutable std::mutex mutex_;
  std::vector<std::vector<std::string>> commands_;
};

} // namespace codegate::testing
