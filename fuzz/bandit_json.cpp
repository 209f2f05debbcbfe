// parse_bandit_json on arbitrary tool output. ToolError is its documented answer to malformed
// reports; anything else is a finding.

#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzers/bandit/bandit.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string json(reinterpret_cast<const char*>(data), size);
  try {
    (void)codegate::parse_bandit_json(json);
  } catch (const codegate::ToolError&) {
  }
  return 0;
}
