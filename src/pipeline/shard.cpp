#include "pipeline/shard.h"

#include <algorithm>
#include <charconv>
#include <numeric>

#include "util/hash.h"

namespace codegate {
namespace {

constexpr int k_max_shards = 256;

std::optional<int> parse_number(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

} // namespace

std::optional<ShardSpec> parse_shard(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto index = parse_number(text.substr(0, slash));
  auto count = parse_number(text.substr(slash + 1));
  if (!index || !count || *count < 1 || *count > k_max_shards || *index < 1 || *index > *count) return std::nullopt;
  return ShardSpec{*index, *count};
}

std::vector<int> assign_shards(const std::vector<SizedFile>& files, int count) {
  std::vector<int> shard(files.size(), 1);
  if (count <= 1 || files.empty()) return shard;
  // An empty file still costs a tool a little: every file weighs at least 1 KiB.
  auto weight = [](const SizedFile& f) { return std::max<std::uint64_t>(f.bytes, 1024); };
  std::uint64_t total = 0;
  for (const auto& f : files) total += weight(f);
  const std::uint64_t capacity = (total * 5 + 4 * static_cast<std::uint64_t>(count) - 1) / (4 * static_cast<std::uint64_t>(count));

  std::vector<std::size_t> order(files.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (weight(files[a]) != weight(files[b])) return weight(files[a]) > weight(files[b]);
    return files[a].path < files[b].path;
  });
  std::vector<std::uint64_t> load(static_cast<std::size_t>(count), 0);
  for (std::size_t i : order) {
    const std::uint64_t w = weight(files[i]);
    const auto preferred = static_cast<std::size_t>(util::fnv1a64(files[i].path) % static_cast<std::uint64_t>(count));
    std::optional<std::size_t> chosen;
    for (std::size_t step = 0; step < load.size() && !chosen; ++step) {
      std::size_t candidate = (preferred + step) % load.size();
      if (load[candidate] + w <= capacity) chosen = candidate;
    }
    // A file larger than any shard's room goes where the load is least.
    if (!chosen) chosen = static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    load[*chosen] += w;
    shard[i] = static_cast<int>(*chosen) + 1;
  }
  return shard;
}

} // namespace codegate
