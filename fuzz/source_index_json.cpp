// parse_index_json on arbitrary helper output, then every unit described (which walks the parent
// links the parser accepted). ToolError is the documented answer to malformed output; anything
// else is a finding.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "python/source_index.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string json(reinterpret_cast<const char*>(data), size);
  try {
    for (const auto& index : codegate::python::parse_index_json(json)) {
      for (const auto& unit : index.units) (void)index.describe(unit);
    }
  } catch (const codegate::ToolError&) {
  }
  return 0;
}
