// parse_github_event on arbitrary payloads. Bad payloads are reported through `error`, never
// thrown: any exception, crash or undefined behaviour is a finding.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ci/github_event.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view json(reinterpret_cast<const char*>(data), size);
  std::string error;
  auto event = codegate::ci::parse_github_event("pull_request", json, error);
  if (event) {
    (void)event->from_fork();
    (void)codegate::ci::is_null_sha(event->before);
  }
  return 0;
}
