#pragma once
// A pool of worker threads for one batch of independent items (the intent check's units, the
// refine loop's files): each thread takes the next item when it is done with one, so one slow
// answer holds up nothing but itself. Threads only: no process, no shell.

#include <cstddef>
#include <functional>

namespace codegate::util {

// Calls body(i) for every i in [0, count), on at most `threads` threads at once (the calling
// thread is one of them; fewer when there are fewer items; at least one). Returns when every call
// has returned. When a call throws, no index not yet started is handed out, and the first
// exception is rethrown after every thread has ended: no thread outlives the call, and an
// exception never reaches the top of a thread (std::terminate). Indexes run in no fixed order;
// `body` must be safe to call from several threads at once.
void parallel_for(std::size_t count, int threads, const std::function<void(std::size_t)>& body);

} // namespace codegate::util
