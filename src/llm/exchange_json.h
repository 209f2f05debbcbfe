#pragma once
// How an LLM exchange is recorded in the JSON logs (--log-dir): one writer for the intent check's
// and the refine loop's logs, so the two cannot drift apart.

#include <string>

#include "llm/client.h"
#include "util/json_writer.h"

namespace codegate::llm {

// {url, status, attempts, seconds, request_headers, response_body}; the headers are already redacted.
void write_wire_exchange(util::JsonWriter& w, const WireExchange& wire);

} // namespace codegate::llm
