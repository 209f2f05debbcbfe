#pragma once
// Works out which change to gate: base..head via their merge base, or the index for --staged;
// with --whole-files, the checked files whole (every line counts as changed).

#include <memory>
#include <string>
#include <vector>

#include "core/change_set.h"
#include "git/repository.h"
#include "git/snapshot.h"
#include "pipeline/check_options.h"

namespace codegate {

struct ResolvedChange {
  ChangeSet changes;
  std::unique_ptr<git::Snapshot> analysed; // the bytes the gate analyses: head commit or the index
  std::string base_revision;               // as the user (or the default) named it
  std::string trusted_sha;                 // the base tip: where CI reads configuration from
};

// `paths`: the positional paths, repository-relative. With --whole-files they are the change
// whether the diff touches them or not (pre-commit passes every file of --all-files); one that is
// not a regular file of the analysed revision is listed in changes.skipped.
// Throws UsageError for an unknown revision, a missing base, a shallow clone without the base.
ResolvedChange resolve_change(const git::Repository& repo, const CheckOptions& options,
                              const std::vector<std::string>& paths);

} // namespace codegate
