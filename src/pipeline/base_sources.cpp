#include "pipeline/base_sources.h"

#include "git/snapshot.h"

namespace codegate {

std::map<std::string, std::string> intent_base_sources(const git::Repository& repo, const ChangeSet& changes,
                                                       const std::vector<std::string>& paths, const Config& config) {
  std::map<std::string, std::string> out;
  if (config.intent.context != IntentContext::unit_and_base || !config.intent.enabled || changes.base_sha.empty())
    return out;
  auto base = git::commit_snapshot(repo, changes.base_sha);
  for (const auto& path : paths) {
    const ChangedFile* file = changes.find(path);
    if (file == nullptr || (file->status != ChangeStatus::modified && file->status != ChangeStatus::renamed)) continue;
    if (auto bytes = base->read(file->old_path.empty() ? file->path : file->old_path)) out[path] = std::move(*bytes);
  }
  return out;
}

} // namespace codegate
