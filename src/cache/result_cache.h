#pragma once
// Pylint's and Bandit's findings kept on disk per analyzer and file, so a push pays only for the
// files whose results can have changed. The caller builds the key from everything that can change
// a file's findings (pipeline/cached_analysis.h); an entry holds the findings as data only and
// repeats its key and path, so a hash collision or a stray file is a miss, never another file's
// findings. The intent check has its own verdict cache (intent/cache.h).

#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "util/result.h"

namespace codegate::cache {

// What an entry holds: which tool wrote it (a hash of its whole `--version` text, compared by the
// caller on a hit) and the findings.
struct CachedEntry {
  std::string tool;
  std::vector<Finding> findings;
};

class ResultCache {
public:
  // An empty directory turns the cache off.
  explicit ResultCache(std::string directory);

  bool enabled() const { return !directory_.empty(); }
  const std::string& directory() const { return directory_; }

  // The findings stored for (key, path); nullopt for a miss: no entry, an unreadable or corrupt
  // one, or one written for another key or path.
  std::optional<CachedEntry> load(const std::string& key, const std::string& path) const;
  // A cache that cannot be written costs time, not the run: the caller logs the failure.
  util::Result<void> store(const std::string& key, const std::string& path, const CachedEntry& entry) const;

  std::string entry_path(const std::string& key, const std::string& path) const;

private:
  std::string directory_;
};

// The entry's text, and reading it back (nullopt: not an entry of this format for key and path).
std::string entry_json(const std::string& key, const std::string& path, const CachedEntry& entry);
std::optional<CachedEntry> parse_entry_json(const std::string& text, const std::string& key, const std::string& path);

} // namespace codegate::cache
