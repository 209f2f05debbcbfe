#pragma once
// The largest file the analyzers are given: a changed file over it fails the run
// (codegate/not-analysed), since a file nobody checked must not pass.

#include <cstddef>
#include <string>

namespace codegate {

// 4 MiB, from a measurement of Pylint and Bandit (size_limit.cpp).
std::size_t max_analysed_bytes();

// Why a file of `bytes` bytes is not analysed: the reason of its codegate/not-analysed finding.
std::string too_large_reason(std::size_t bytes);

} // namespace codegate
