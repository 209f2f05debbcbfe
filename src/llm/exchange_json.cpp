#include "llm/exchange_json.h"

#include "util/strings.h"

namespace codegate::llm {

void write_json_text(JsonLogWriter& w, const std::string& text) {
  std::string valid = util::to_valid_utf8(text);
  w.String(valid.c_str(), static_cast<rapidjson::SizeType>(valid.size()));
}

void write_wire_exchange(JsonLogWriter& w, const WireExchange& wire) {
  w.StartObject();
  w.Key("url");
  write_json_text(w, wire.url);
  w.Key("status");
  w.Int64(wire.status);
  w.Key("attempts");
  w.Int(wire.attempts);
  w.Key("seconds");
  w.Double(wire.seconds);
  w.Key("request_headers");
  w.StartObject();
  for (const auto& [name, value] : wire.request_headers) {
    w.Key(name.c_str());
    write_json_text(w, value);
  }
  w.EndObject();
  w.Key("response_body");
  write_json_text(w, wire.response_body);
  w.EndObject();
}

} // namespace codegate::llm
