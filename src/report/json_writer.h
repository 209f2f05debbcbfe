#pragma once
// The RapidJSON writer the JSON and SARIF reports share, with every string made valid UTF-8 first.

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <string>
#include <string_view>
#include <vector>

#include "util/strings.h"

namespace codegate {

// Two-space indentation: the reports are read by people as often as by programs.
class JsonWriter {
public:
  JsonWriter() : writer_(buffer_) { writer_.SetIndent(' ', 2); }

  // Text from tools, files and the LLM can hold any bytes; RapidJSON would write invalid UTF-8
  // as it is and produce a document that strict readers (GitHub's SARIF upload) reject.
  void string(std::string_view text) {
    std::string valid = util::to_valid_utf8(text);
    writer_.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
  }
  void key(std::string_view name) {
    std::string valid = util::to_valid_utf8(name);
    writer_.Key(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
  }
  void member(std::string_view name, std::string_view text) {
    key(name);
    string(text);
  }
  void member(std::string_view name, const char* text) { member(name, std::string_view(text)); }
  void member(std::string_view name, int value) {
    key(name);
    writer_.Int(value);
  }
  void member(std::string_view name, bool value) {
    key(name);
    writer_.Bool(value);
  }
  void integer(int value) { writer_.Int(value); }
  void boolean(bool value) { writer_.Bool(value); }
  void null() { writer_.Null(); }
  void start_object() { writer_.StartObject(); }
  void end_object() { writer_.EndObject(); }
  void start_array() { writer_.StartArray(); }
  void end_array() { writer_.EndArray(); }

  void string_array(std::string_view name, const std::vector<std::string>& items) {
    key(name);
    start_array();
    for (const auto& item : items) string(item);
    end_array();
  }

  // The finished document with a final newline, so it can be written to a file or stdout as is.
  std::string finish() { return std::string(buffer_.GetString(), buffer_.GetSize()) + "\n"; }

private:
  rapidjson::StringBuffer buffer_;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer_;
};

} // namespace codegate
