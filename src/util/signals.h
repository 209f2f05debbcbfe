#pragma once
// SIGINT and SIGTERM end the run cleanly: children stopped, temporary directories removed.

namespace codegate::util {

// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread, and so in every thread it starts later
// (call it first thing in main), and starts a thread that waits for them: on one it stops the
// registered process groups, removes the registered directories (util/cleanup.h) and exits with
// 128 + the signal's number, as a shell reports a process killed by it.
void exit_cleanly_on_signals();

} // namespace codegate::util
