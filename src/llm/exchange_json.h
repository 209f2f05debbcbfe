#pragma once
// How an LLM exchange is recorded in the JSON logs (--log-dir): one writer for the intent check's
// and the refine loop's logs, so the two cannot drift apart.

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <string>

#include "llm/client.h"

namespace codegate::llm {

using JsonLogWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// Writes `text` as a JSON string, invalid UTF-8 repaired (model answers and tool output may hold any bytes).
void write_json_text(JsonLogWriter& w, const std::string& text);

// {url, status, attempts, seconds, request_headers, response_body}; the headers are already redacted.
void write_wire_exchange(JsonLogWriter& w, const WireExchange& wire);

} // namespace codegate::llm
