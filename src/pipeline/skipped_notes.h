#pragma once
// The report notes naming the changed files the gate did not analyse: each one up to a limit, so a
// pull request that also touches hundreds of documents or images keeps a short report.

#include <string>
#include <vector>

#include "core/change_set.h"

namespace codegate {

inline constexpr std::size_t k_max_skipped_notes = 10;

// "skipped tools/data.bin: binary", ..., then "skipped 25 more files (20 not a Python file, 5 binary)".
std::vector<std::string> skipped_notes(std::vector<SkippedFile> skipped);

} // namespace codegate
