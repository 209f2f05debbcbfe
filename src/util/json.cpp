#include "util/json.h"

#include <utility>
#include <vector>

namespace codegate::util {

bool nests_deeper_than(const rapidjson::Value& value, int limit) {
  std::vector<std::pair<const rapidjson::Value*, int>> pending{{&value, 0}};
  while (!pending.empty()) {
    auto [node, depth] = pending.back();
    pending.pop_back();
    if (node->IsArray()) {
      if (depth + 1 > limit) return true;
      for (const auto& item : node->GetArray()) pending.emplace_back(&item, depth + 1);
    } else if (node->IsObject()) {
      if (depth + 1 > limit) return true;
      for (const auto& member : node->GetObject()) pending.emplace_back(&member.value, depth + 1);
    }
  }
  return false;
}

} // namespace codegate::util
