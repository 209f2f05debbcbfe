#pragma once
// Verdicts kept on disk between runs, so a unit whose docstring and code did not change costs no
// request. Entries are keyed by provider, model, prompt version, docstring and code, and hold
// the docstring and code themselves, so a hash collision can never hand one unit another's verdict.

#include <optional>
#include <string>

#include "util/result.h"

#include "intent/verdict_parser.h"
#include "util/environment.h"

namespace codegate::intent {

// What identifies a verdict.
struct CacheKey {
  std::string provider;
  std::string model;
  std::string docstring;
  std::string code; // UnitCode::plain: no line numbers, so a unit that only moved still hits
  // The unit's base version the prompt showed (intent.context: unit+base), plain; empty: none. A
  // verdict given with the base in view is not one given without it.
  std::string base_code = {};
};

// Issue lines in cached verdicts are relative to the unit's first line (1 = the first line,
// 0 = no line), which stays right when the unit moves.
class VerdictCache {
public:
  // An empty directory turns the cache off.
  explicit VerdictCache(std::string directory);

  bool enabled() const { return !directory_.empty(); }
  const std::string& directory() const { return directory_; }

  std::optional<ModelVerdict> load(const CacheKey& key) const;
  // Never throws: a cache that cannot be written costs requests, not the run. Returns false
  // (and says why in `error`) when the entry was not written.
  util::Result<void> store(const CacheKey& key, const ModelVerdict& verdict) const;

  // The file an entry lives in.
  std::string entry_path(const CacheKey& key) const;

private:
  std::string directory_;
};

} // namespace codegate::intent
