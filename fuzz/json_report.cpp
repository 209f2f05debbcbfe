// parse_json_report on arbitrary bytes: `codegate merge` reads the shards' reports from CI
// artifacts. A failure is its documented answer to anything that is not a report; a crash, a
// hang or an exception is a finding.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "report/json_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)codegate::parse_json_report(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
