#include "util/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace codegate::util {

void parallel_for(std::size_t count, int threads, const std::function<void(std::size_t)>& body) {
  if (count == 0) return;
  std::size_t width = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), 1, count);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::exception_ptr first_failure;

  auto worker = [&] {
    for (std::size_t i = next++; i < count && !failed; i = next++) {
      try {
        body(i);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!first_failure) first_failure = std::current_exception();
        failed = true;
      }
    }
  };

  std::vector<std::thread> pool;
  try {
    for (std::size_t t = 1; t < width; ++t) pool.emplace_back(worker);
  } catch (const std::system_error&) {
    // A thread that cannot start leaves its share to those that did, the calling one at least.
  }
  worker();
  for (auto& thread : pool) thread.join();
  if (first_failure) std::rethrow_exception(first_failure);
}

} // namespace codegate::util
