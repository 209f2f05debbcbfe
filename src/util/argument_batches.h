#pragma once
// Splits a long list of arguments into command lines the kernel accepts, as xargs does: execve
// fails with E2BIG once argv and the environment together pass ARG_MAX.

#include <cstddef>
#include <string>
#include <vector>

namespace codegate::util {

// Bytes left for argv: sysconf(_SC_ARG_MAX) minus this process's environment (which children
// inherit) and a margin for what the kernel and the dynamic loader add.
std::size_t argument_space();

// Each batch is `fixed` followed by as many of `items` (in order) as fit `limit` bytes, counted
// as execve counts them (each string with its NUL, plus its pointer). An item too long for any
// batch gets a batch of its own; the program's start then reports the error.
std::vector<std::vector<std::string>> argument_batches(const std::vector<std::string>& fixed,
                                                       const std::vector<std::string>& items, std::size_t limit);

} // namespace codegate::util
