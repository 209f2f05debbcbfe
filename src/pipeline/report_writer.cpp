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

void check_report_paths(const CheckOptions& options, const std::string& checkout,
                        const std::vector<std::string>& extra) {
  std::vector<std::string> paths = {options.sarif_file,
                                    options.json_file,
                                    options.markdown_file,
                                    options.junit_file,
                                    options.rdjson_file,
                                    options.publish.code_quality_file,
                                    options.publish.gitlab_sast_file};
  paths.insert(paths.end(), extra.begin(), extra.end());
  for (const auto& path : paths) {
    if (path.empty()) continue;
    if (auto allowed = util::guarded_write(path, checkout); !allowed) throw UsageError(allowed.error());
  }
}

void write_reports(CheckResult& result, const CheckOptions& options, const ci::CiContext& ci,
                   const std::string& checkout) {
  auto write = [&checkout](const std::string& path, const std::string& content) {
    require(util::write_file_guarded(path, content, checkout), "cannot write the report");
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
  // message in the report must not become one. The output filter (platform/log_commands.h) makes
  // them inert, and the report is fenced off with a token nobody can predict besides, which
  // codegate writes itself after the filter. Its own annotations come after the fence.
  out = util::filter_output(out);
  if (ci.platform == ci::CiPlatform::github) {
    std::string token = util::random_token();
    if (!out.empty() && out.back() != '\n') out += '\n';
    out = "::stop-commands::" + token + "\n" + out + "::" + token + "::\n";
  }
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
