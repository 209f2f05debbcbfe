#pragma once
// The base versions of the changed files, for the intent check's just-in-time context
// (intent.context: unit+base): a unit that existed at the base with the same docstring is shown
// with its version there.

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/change_set.h"
#include "git/repository.h"

namespace codegate {

// path at head -> bytes at the base (a renamed file's base path is read), for each of `paths`
// that the change modified or renamed. Empty when intent.context is unit, the change has no
// base commit, or the intent check is off. A file the base cannot give is left out.
std::map<std::string, std::string> intent_base_sources(const git::Repository& repo, const ChangeSet& changes,
                                                       const std::vector<std::string>& paths, const Config& config);

} // namespace codegate
