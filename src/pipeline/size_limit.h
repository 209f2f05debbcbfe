#pragma once
// The largest file the analyzers are given, and the finding for a changed file over it: such a
// file fails the run (codegate/not-analysed), since a file nobody checked must not pass.

#include <cstddef>
#include <string>

#include "core/finding.h"

namespace codegate {

// 4 MiB, from a measurement of Pylint and Bandit (size_limit.cpp).
std::size_t max_analysed_bytes();

// The failing codegate/not-analysed finding for `path` of `bytes` bytes (line 1, whole file).
Finding not_analysed_finding(const std::string& path, std::size_t bytes, int lines);

} // namespace codegate
