// parse_pyproject_config on arbitrary pyproject.toml text: toml++'s parse, the conversion of
// [tool.codegate] to YAML and its validation. A UsageError is the documented answer to bad
// configuration; anything else (toml++'s or yaml-cpp's own exceptions included) is a finding.

#include <cstddef>
#include <cstdint>
#include <string>

#include "config/pyproject.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)codegate::parse_pyproject_config(text, "pyproject.toml");
  } catch (const codegate::UsageError&) {
  }
  return 0;
}
