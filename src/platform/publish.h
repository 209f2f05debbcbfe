#pragma once
// Stage 7b: hands the result to the CI system it runs under (GitHub annotations, job summary,
// outputs and pull-request comments; GitLab notes, discussions and reports). Nothing outside CI
// except the GitLab report files, which are written whenever they are asked for.

#include <functional>
#include <string>

#include "ci/ci_context.h"
#include "config/config.h"
#include "core/change_set.h"
#include "core/check_result.h"
#include "http/http_client.h"
#include "platform/publish_options.h"

namespace codegate {

// What the pipeline hands over: the result, what the command line asked for, and the CI's context.
struct PublishRequest {
  const CheckResult& result;
  const ChangeSet& changes;
  const ci::CiContext& ci;
  PublishOptions options = {};    // --comment and the GitLab report files
  bool staged = false;            // --staged: no pull request's head to comment on
  bool commands_on_stdout = true; // --format text: workflow commands go to stdout with the report, else stderr
  std::string sarif_file = {};    // --sarif, for the sarif_file step output
  HttpConfig limits = {};         // bound the API's answers
  std::string checkout = ".";     // report files are never written through a symbolic link in it
  // Which findings get inline comments besides the failing ones (comment_level; nullopt: none).
  std::optional<Level> comment_level = Level::warning;
  // Seams for tests: the API's transport (null: libcurl within `limits`), and where workflow
  // commands go (empty: stdout or stderr, as above).
  http::HttpClient* transport = nullptr;
  std::function<void(const std::string& lines)> write_commands = nullptr;
};

// Throws ToolError when a requested report file cannot be written. A comment the API refuses is a warning (and an
// annotation on GitHub), never a failed gate: the verdict is already made and the annotations, summary and SARIF report
// still carry it.
void publish(const PublishRequest& request);

} // namespace codegate
