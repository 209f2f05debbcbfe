#pragma once
// Whole-file reads and writes with errors that name the file.

#include <optional>
#include <string>

namespace codegate::util {

std::optional<std::string> read_file(const std::string& path);
// Creates missing parent directories; throws std::runtime_error naming the path on failure.
void write_file(const std::string& path, const std::string& content);
// Writes a temporary file beside `path` and renames it over `path`: a concurrent reader (another
// run) sees the old content or the new, never half of it. Throws like write_file.
void write_file_atomic(const std::string& path, const std::string& content);

} // namespace codegate::util
