#pragma once
// A failure of the machine codegate runs on that no caller can work around: no pipe, no process,
// no temporary directory. util/ throws it instead of a bare std::runtime_error, so main reports
// it as the error it is ("codegate: error: cannot create a temporary directory in ...: No space
// left on device", exit 3), not as an internal one.

#include <stdexcept>

namespace codegate::util {

class SystemError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace codegate::util
