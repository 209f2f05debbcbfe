#include "llm/exchange_json.h"

namespace codegate::llm {

void write_wire_exchange(util::JsonWriter& w, const WireExchange& wire) {
  w.start_object();
  w.key("url");
  w.string(wire.url);
  w.key("status");
  w.integer(wire.status);
  w.key("attempts");
  w.integer(wire.attempts);
  w.key("seconds");
  w.number(wire.seconds);
  w.key("request_headers");
  w.start_object();
  for (const auto& [name, value] : wire.request_headers) {
    w.key(name);
    w.string(value);
  }
  w.end_object();
  w.key("response_body");
  w.string(wire.response_body);
  w.end_object();
}

} // namespace codegate::llm
