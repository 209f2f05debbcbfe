// The intent verdict parser on arbitrary model answers. It documents no exceptions: any
// exception, crash or undefined behaviour is a finding.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "intent/verdict_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view answer(reinterpret_cast<const char*>(data), size);
  auto parsed = codegate::intent::parse_verdict(answer);
  if (parsed.verdict) (void)codegate::intent::to_string(parsed.verdict->verdict);
  (void)codegate::intent::parse_model_verdict(answer);
  return 0;
}
