#pragma once
// `check --shard K/N`: which of a change's files one job of a CI matrix analyses.
//
// The split is deterministic (every job computes the same one from the same change) and
// balanced by size, and a file keeps its shard from push to push, so each matrix job's result
// cache stays warm: a file's preferred shard comes from a hash of its path, and a shard takes
// files (largest first) only up to 5/4 of an even share, passing the rest to the next shard
// (consistent hashing with bounded loads). A push that adds or resizes a few files moves few
// others.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace codegate {

struct ShardSpec {
  int index = 1; // 1-based
  int count = 1;
};

// "K/N" with 1 <= K <= N <= 256; nullopt for anything else.
std::optional<ShardSpec> parse_shard(std::string_view text);

struct SizedFile {
  std::string path;
  std::uint64_t bytes = 0;
};

// The shard (1..count) of each file, in the order given.
std::vector<int> assign_shards(const std::vector<SizedFile>& files, int count);

} // namespace codegate
