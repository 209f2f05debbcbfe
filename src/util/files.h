#pragma once
// Whole-file reads and writes with errors that name the file.

#include <optional>
#include <string>

#include "util/result.h"

namespace codegate::util {

// The file's bytes, or why not: "cannot read PATH: No such file or directory".
Result<std::string> read_file(const std::string& path);
// Creates missing parent directories. A failure says "cannot write PATH: why"; the caller decides
// what it means (a report that cannot be written fails the run, a log that cannot is a warning).
Result<void> write_file(const std::string& path, const std::string& content);
// Writes a temporary file beside `path` and renames it over `path`: a concurrent reader (another
// run) sees the old content or the new, never half of it, and a write that fails (a full disk)
// leaves no part behind. A device or a pipe is written in place; a symbolic link's target is
// replaced.
Result<void> write_file_atomic(const std::string& path, const std::string& content);

} // namespace codegate::util
