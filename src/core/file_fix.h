#pragma once
// A revision of one file that the refine loop accepted: strictly better under the same gate.

#include <string>
#include <vector>

namespace codegate {

struct FileFix {
  std::string path;                            // repository-relative
  std::string original;                        // bytes at the analysed revision
  std::string revised;                         // the accepted revision
  int round = 0;                               // the round that produced it (1-based)
  std::vector<std::string> fixed_fingerprints; // findings the revision removes
};

} // namespace codegate
