#pragma once
// Where a run keeps what it learns between runs: the result cache (Pylint's and Bandit's findings
// per file; cache.enabled) and the intent check's verdicts. One rule for both, resolved once a run
// into Config::cache.directory, which every stage reads.

#include <string>
#include <vector>

#include "config/config.h"
#include "util/environment.h"

namespace codegate {

// intent.cache_dir, else $XDG_CACHE_HOME/codegate (an absolute one), else ~/.cache/codegate;
// empty (no cache) when none is set, or, with a note, when the directory lies inside the
// repository checkout at `workdir`, whose content the change controls: a pull request could
// otherwise bring its own cached findings or verdicts.
std::string cache_directory(const Config& config, const util::EnvLookup& env, const std::string& workdir,
                            std::vector<std::string>& notes);

} // namespace codegate
