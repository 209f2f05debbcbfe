#include <doctest/doctest.h>

#include <unistd.h>

#include "util/argument_batches.h"

using namespace codegate::util;

namespace {
// What execve counts for a string: its bytes, its NUL and its pointer.
std::size_t cost(const std::string& s) { return s.size() + 1 + sizeof(char*); }
} // namespace

TEST_CASE("everything in one batch when it fits") {
  auto batches = argument_batches({"tool", "--"}, {"./a.py", "./b.py"}, 4096);
  REQUIRE(batches.size() == 1);
  CHECK(batches[0] == std::vector<std::string>{"tool", "--", "./a.py", "./b.py"});
}

TEST_CASE("batches keep the fixed arguments, the order, and stay within the limit") {
  std::vector<std::string> items;
  for (int i = 0; i < 10; ++i) items.push_back("./file" + std::to_string(i) + ".py");
  std::size_t fixed = sizeof(char*) + cost("tool") + cost("--");
  std::size_t limit = fixed + 3 * cost(items[0]); // three items a batch
  auto batches = argument_batches({"tool", "--"}, items, limit);
  REQUIRE(batches.size() == 4);
  std::vector<std::string> seen;
  for (const auto& batch : batches) {
    REQUIRE(batch.size() >= 3);
    CHECK(batch[0] == "tool");
    CHECK(batch[1] == "--");
    std::size_t bytes = sizeof(char*);
    for (const auto& arg : batch) bytes += cost(arg);
    CHECK(bytes <= limit);
    seen.insert(seen.end(), batch.begin() + 2, batch.end());
  }
  CHECK(seen == items);
  CHECK(batches.back().size() == 3); // 3 + 3 + 3 + 1
}

TEST_CASE("an item larger than the limit gets a batch of its own") {
  auto batches = argument_batches({"tool"}, {"a", std::string(100, 'x'), "b"}, 40);
  REQUIRE(batches.size() == 3);
  CHECK(batches[1] == std::vector<std::string>{"tool", std::string(100, 'x')});
}

TEST_CASE("no items, no batches") { CHECK(argument_batches({"tool"}, {}, 4096).empty()); }

TEST_CASE("the space left for arguments is below the kernel's limit") {
  CHECK(argument_space() > 0);
  CHECK(argument_space() < static_cast<std::size_t>(sysconf(_SC_ARG_MAX)));
}
