#pragma once
// Where accepted revisions go (--fix MODE): a patch file, the working tree, a commit on the
// analysed head, a push of that commit, or suggestions for the reporters. Commit and push fall
// back (to a patch, to suggestions) with the reason in a note rather than fail the run.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/change_set.h"
#include "core/file_fix.h"
#include "core/finding.h"
#include "git/push.h"
#include "git/repository.h"

namespace codegate::refine {

// The commit trailer that marks codegate's own commits: a head commit that carries it is not
// refined again.
inline constexpr std::string_view k_refined_trailer = "Codegate-Refined";

struct DeliveryInput {
  const git::Repository& repo;
  const ChangeSet& changes;                   // head_sha: the commit a fix commit builds on
  const RefineConfig& config;                 // author, patch file
  const std::vector<Finding>& findings;       // with fix_status set, for the commit message
  std::optional<git::PushTarget> push_target; // push: where and with which token; nullopt: no push
  std::string patch_file;                     // where `patch` writes (resolved against the current directory)
};

struct DeliveryOutcome {
  FixMode mode = FixMode::none;     // what happened in the end: patch, apply, commit, push, suggest
  std::vector<std::string> notes;   // one line each, for every report
  std::string commit_sha;           // commit and push: the commit made
  std::vector<std::string> applied; // apply: the files written
  std::vector<std::string> refused; // apply: the files left alone, and why ("path: reason")
};

// Delivers `fixes` as `mode` says. Throws ToolError only when a patch file cannot be written.
DeliveryOutcome deliver(const std::vector<FileFix>& fixes, FixMode mode, const DeliveryInput& input);

// Every revision as one `git apply`-able patch, files in path order.
std::string patch_text(const std::vector<FileFix>& fixes);

// The fix commit's message: a subject, the fixed findings, and the Codegate-Refined trailer.
std::string fix_commit_message(const std::vector<FileFix>& fixes, const std::vector<Finding>& findings);

} // namespace codegate::refine
