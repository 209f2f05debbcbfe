#pragma once
// What a run leaves behind if it is stopped half-way: the process groups of the programs it
// started and its temporary directories. The registry is thread-safe; a signal (util/signals.h)
// empties it before the process exits, so neither outlives the run.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>

namespace codegate::util {

// Runs `spawn` (which returns the new child's pid, the leader of its own process group, or a
// value <= 0 when nothing started) with the registry locked and registers the group: a signal
// cannot slip between the start of a child and its registration.
pid_t spawn_registered(const std::function<pid_t()>& spawn);
// Call once the leader has exited but before reaping it (waitid with WNOWAIT): until then its pid,
// and so the group id, cannot be reused. Blocks for good once a signal's clean-up has begun, so
// no caller goes on to report a child the clean-up killed.
void unregister_process_group(pid_t group);

void register_temp_dir(const std::string& path);
// Removes the directory with everything in it and forgets it, under the registry's lock so that
// a signal's clean-up never races with the removal.
void remove_temp_dir(const std::string& path);

// SIGTERM to every registered group, SIGKILL to those still there after `grace`, then removes
// every registered directory. Keeps the registry locked: to be followed by _exit.
void clean_up_for_exit(std::chrono::milliseconds grace);

} // namespace codegate::util
