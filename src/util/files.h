#pragma once
// Whole-file reads and writes with errors that name the file.

#include <optional>
#include <string>

namespace codegate::util {

std::optional<std::string> read_file(const std::string& path);
// Creates missing parent directories; throws std::runtime_error naming the path on failure.
void write_file(const std::string& path, const std::string& content);

} // namespace codegate::util
