#include "llm/exchange_json.h"

namespace codegate::llm {

void write_wire_exchange(util::JsonWriter& w, const WireExchange& wire) {
  w.start_object();
  w.member("url", wire.url);
  w.member("status", wire.status);
  w.member("attempts", wire.attempts);
  w.member("seconds", wire.seconds);
  w.key("request_headers");
  w.start_object();
  for (const auto& [name, value] : wire.request_headers) {
    w.member(name, value);
  }
  w.end_object();
  w.member("response_body", wire.response_body);
  w.end_object();
}

} // namespace codegate::llm
