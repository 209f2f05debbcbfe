#pragma once
// Works out which change to gate: base..head via their merge base, or the index for --staged.

#include <memory>
#include <string>

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

// Throws UsageError for an unknown revision, a missing base, a shallow clone without the base.
ResolvedChange resolve_change(const git::Repository& repo, const CheckOptions& options);

} // namespace codegate
