#pragma once
// The one way codegate parses JSON. Every document it reads comes from a network service, a tool or
// a file a pull request can influence, and RapidJSON's default parser recurses once per nesting
// level: an answer nested a million deep overflows the stack. The iterative parser keeps its
// state on the heap. What walks a parsed document must not recurse over it unboundedly either
// (Accept, CopyFrom): check nests_deeper_than first.

#include <rapidjson/document.h>

#include <string_view>

namespace codegate::util {

// `Flags` adds RapidJSON parse flags (comments, trailing commas) to the iterative parser's.
template <unsigned Flags = rapidjson::kParseNoFlags>
rapidjson::Document parse_json(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseDefaultFlags | rapidjson::kParseIterativeFlag | Flags>(text.data(), text.size());
  return doc;
}

// True when `value` holds arrays or objects more than `limit` levels deep (a scalar is level 0).
// Walks with its own stack, so it is safe on any parsed document.
bool nests_deeper_than(const rapidjson::Value& value, int limit);

} // namespace codegate::util
