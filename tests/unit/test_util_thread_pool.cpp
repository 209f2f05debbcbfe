#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "util/thread_pool.h"

using namespace codegate;

TEST_CASE("parallel_for calls the body once for every index") {
  std::mutex mutex;
  std::multiset<std::size_t> seen;
  util::parallel_for(50, 4, [&](std::size_t i) {
    std::lock_guard lock(mutex);
    seen.insert(i);
  });
  CHECK(seen.size() == 50);
  for (std::size_t i = 0; i < 50; ++i) CHECK(seen.count(i) == 1);
  util::parallel_for(0, 4, [](std::size_t) { FAIL("no index to call"); });
}

TEST_CASE("parallel_for runs at most the given number of calls at once") {
  std::atomic<int> running{0}, most{0};
  util::parallel_for(12, 3, [&](std::size_t) {
    int now = ++running;
    for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    --running;
  });
  CHECK(most <= 3);
  CHECK(most >= 1);
  std::atomic<int> calls{0};
  util::parallel_for(3, 0, [&](std::size_t) { ++calls; }); // fewer than one thread means one
  CHECK(calls == 3);
}

TEST_CASE("parallel_for rethrows the first exception after every thread ended, and starts no further index") {
  std::atomic<int> calls{0};
  CHECK_THROWS_WITH_AS(util::parallel_for(1000, 1,
                                          [&](std::size_t i) {
                                            ++calls;
                                            if (i == 2) throw std::runtime_error("unit 2 failed");
                                          }),
                       "unit 2 failed", std::runtime_error);
  CHECK(calls == 3); // one thread: indexes 0, 1, 2, then nothing more
  CHECK_THROWS_AS(util::parallel_for(8, 4, [](std::size_t) { throw 42; }), int);
}
