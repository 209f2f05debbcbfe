#include "pipeline/report_writer.h"

#include <cstdio>

#include "core/error.h"
#include "report/reports.h"
#include "util/files.h"
#include "util/log.h"

namespace codegate {

void write_reports(const CheckResult& result, const CheckOptions& options) {
  auto write = [](const std::string& path, const std::string& content) {
    try {
      util::write_file(path, content);
    } catch (const std::exception& e) {
      throw ToolError(std::string("cannot write the report: ") + e.what());
    }
  };
  if (!options.sarif_file.empty()) write(options.sarif_file, render_sarif(result));
  if (!options.json_file.empty()) write(options.json_file, render_json(result));
  if (!options.markdown_file.empty()) write(options.markdown_file, render_markdown(result));

  std::string out;
  if (options.format == "json") out = render_json(result);
  else if (options.format == "sarif") out = render_sarif(result);
  else if (options.format == "markdown") out = render_markdown(result);
  else out = render_text(result, util::stdout_colour());
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
}

} // namespace codegate
