// The refine answer reader (fenced blocks, the one revised file) on arbitrary model answers. It
// documents no exceptions: any exception, crash or undefined behaviour is a finding.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "refine/answer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view answer(reinterpret_cast<const char*>(data), size);
  (void)codegate::refine::fenced_blocks(answer);
  (void)codegate::refine::extract_revision(answer, "pkg/module.py");
  return 0;
}
