#pragma once
// Pylint and Bandit through the result cache (cache/result_cache.h): each file's findings are
// looked up under a key made of everything that can change them, the tool runs on the misses
// only, and the two are merged in the job's file order, so a warm run's findings are exactly a
// cold run's. Pylint's key also holds the content of every repository module the file imports,
// transitively (cache/import_graph.h).
//
// Whether and how an analyzer's results are cached is its own rule (Analyzer::cache_policy): Pylint
// caches only when neither duplicate-code nor cyclic-import can run (they compare the files of a
// run with each other), Bandit always, the intent check never (its verdicts have a cache of
// their own, intent/cache.h).

#include <optional>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "config/config.h"

namespace codegate {

// How `analyzer`'s results for this job may come from the cache; nullopt: the cache is off or the
// analyzer's rule says they may not.
std::optional<CachePolicy> cache_policy(const Analyzer& analyzer, const AnalyzerJob& job);

// Runs `analyzer` on the job's cache misses and merges the hits in. `python_files`: every Python
// file of the workspace (the imports a policy may put into the key). ToolRun::cached_files says
// how many came from the cache.
AnalyzerOutput run_cached(const Analyzer& analyzer, const CachePolicy& policy, const AnalyzerJob& job,
                          const std::vector<std::string>& python_files);

// The processes Pylint gets for `files` files: one for one or two files (starting workers costs
// more than they save), else no more than there are files.
int analyzer_jobs(std::size_t files, int jobs);

} // namespace codegate
