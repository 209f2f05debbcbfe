// parse_config on arbitrary .codegate.yml text. A UsageError is the documented answer to bad
// configuration; anything else (yaml-cpp's own exceptions included) is a finding.

#include <cstddef>
#include <cstdint>
#include <string>

#include "config/config.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)codegate::parse_config(text, ".codegate.yml");
  } catch (const codegate::UsageError&) {
  }
  return 0;
}
