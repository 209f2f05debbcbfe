#include "pipeline/report_writer.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/error.h"
#include "report/reports.h"
#include "report/sarif_limits.h"
#include "util/files.h"
#include "util/hash.h"
#include "util/log.h"

namespace codegate {

void write_reports(CheckResult& result, const CheckOptions& options, const ci::CiContext& ci) {
  auto write = [](const std::string& path, const std::string& content) {
    require(util::write_file_atomic(path, content), "cannot write the report");
  };
  std::string sarif;
  if (!options.sarif_file.empty() || options.format == ReportFormat::sarif) {
    SarifDocument doc = render_sarif_within(result);
    sarif = std::move(doc.text);
    if (doc.results_left_out > 0) result.notes.push_back(sarif_left_out_note(doc.results_left_out));
  }
  if (!options.sarif_file.empty()) write(options.sarif_file, sarif);
  if (!options.json_file.empty()) write(options.json_file, render_json(result));
  if (!options.markdown_file.empty()) write(options.markdown_file, render_markdown(result));
  if (!options.junit_file.empty()) write(options.junit_file, render_junit(result));
  if (!options.rdjson_file.empty()) write(options.rdjson_file, render_rdjson(result));

  std::string out;
  switch (options.format) {
    case ReportFormat::json: out = render_json(result); break;
    case ReportFormat::sarif: out = sarif; break;
    case ReportFormat::markdown: out = render_markdown(result); break;
    case ReportFormat::rdjson: out = render_rdjson(result); break;
    case ReportFormat::text: out = render_text(result, util::stdout_colour()); break;
  }
  // The GitHub runner executes stdout lines shaped like `::command::`: a file name or a tool's
  // message in the report must not become one, so the report is fenced off with a token nobody
  // can predict. codegate's own annotations come after the fence.
  if (ci.platform == ci::CiPlatform::github) {
    std::string token = util::random_token();
    if (!out.empty() && out.back() != '\n') out += '\n';
    out = "::stop-commands::" + token + "\n" + out + "::" + token + "::\n";
  }
  out = util::filter_output(out);
  // A report that could not be written is a failure wherever it goes (`> /dev/full`).
  std::size_t written = std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0 || written != out.size() || std::ferror(stdout) != 0)
    throw ToolError(std::string("cannot write the report to standard output: ") + std::strerror(errno));
}

void report_verdict(const CheckResult& result, const CheckOptions& options) {
  if (options.format == ReportFormat::text) return;
  util::progress(std::string(result.failed ? "FAILED" : "passed") + ": " + std::to_string(result.reported_count()) +
                 " findings in the change, " + std::to_string(result.failing_count()) + " failing the gate");
}

} // namespace codegate
