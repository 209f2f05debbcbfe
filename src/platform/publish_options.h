#pragma once
// What `codegate check` was asked to publish beyond its reports: pull-request comments and the
// GitLab report files. Part of CheckOptions.

#include <optional>
#include <string>

#include "core/policies.h"

namespace codegate {

struct PublishOptions {
  CommentMode comment = CommentMode::both;  // --comment (both: when a token is set)
  std::optional<InlineLevel> comment_level; // --comment-level (nullopt: the configuration's, else warning)
  std::string code_quality_file;            // GitLab Code Quality report (CodeClimate JSON) to write
  std::string gitlab_sast_file;             // GitLab SAST report (gl-sast-report.json) to write
};

} // namespace codegate
