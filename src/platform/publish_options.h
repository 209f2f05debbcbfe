#pragma once
// What `codegate check` was asked to publish beyond its reports: pull-request comments and the
// GitLab report files. Part of CheckOptions.

#include <string>

namespace codegate {

struct PublishOptions {
  std::string comment;           // none | summary | review | both (empty: both, when a token is set)
  std::string comment_level;     // failing | error | warning | note (empty: the configuration's, else warning)
  std::string code_quality_file; // GitLab Code Quality report (CodeClimate JSON) to write
  std::string gitlab_sast_file;  // GitLab SAST report (gl-sast-report.json) to write
};

} // namespace codegate
