#pragma once
// The one JSON writer: reports, SARIF, request bodies for the LLM and the REST APIs, logs and
// cache entries all write through it. Every string and key is made valid UTF-8 first: text from
// tools, files and the LLM can hold any bytes, RapidJSON would write invalid UTF-8 as it is, and
// strict readers (GitHub's SARIF upload, the APIs) reject the document.
//
//   util::JsonWriter w(util::JsonStyle::compact);
//   w.start_object().member("body", text).start_array("labels").string("a").end_array().end_object();
//   std::string json = w.str();

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "util/strings.h"

namespace codegate::util {

// pretty: two-space indentation, for what people read as often as programs (reports, logs);
// compact: one line, for request bodies and cache entries.
enum class JsonStyle { pretty, compact };

class JsonWriter {
public:
  explicit JsonWriter(JsonStyle style = JsonStyle::pretty) {
    if (style == JsonStyle::pretty) {
      writer_.emplace<Pretty>(buffer_).SetIndent(' ', 2);
    } else {
      writer_.emplace<Compact>(buffer_);
    }
  }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& string(std::string_view text) {
    std::string valid = to_valid_utf8(text);
    visit([&](auto& w) { w.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size())); });
    return *this;
  }
  JsonWriter& key(std::string_view name) {
    std::string valid = to_valid_utf8(name);
    visit([&](auto& w) { w.Key(valid.data(), static_cast<rapidjson::SizeType>(valid.size())); });
    return *this;
  }
  JsonWriter& integer(long long value) {
    visit([&](auto& w) { w.Int64(value); });
    return *this;
  }
  JsonWriter& number(double value) {
    visit([&](auto& w) { w.Double(value); });
    return *this;
  }
  JsonWriter& boolean(bool value) {
    visit([&](auto& w) { w.Bool(value); });
    return *this;
  }
  JsonWriter& null() {
    visit([&](auto& w) { w.Null(); });
    return *this;
  }
  // A value that is already JSON (an object another writer made).
  JsonWriter& raw(std::string_view json, rapidjson::Type type = rapidjson::kObjectType) {
    visit([&](auto& w) { w.RawValue(json.data(), json.size(), type); });
    return *this;
  }

  JsonWriter& member(std::string_view name, std::string_view text) { return key(name).string(text); }
  JsonWriter& member(std::string_view name, const char* text) { return member(name, std::string_view(text)); }
  JsonWriter& member(std::string_view name, const std::string& text) { return member(name, std::string_view(text)); }
  JsonWriter& member(std::string_view name, int value) { return key(name).integer(value); }
  JsonWriter& member(std::string_view name, long value) { return key(name).integer(value); }
  JsonWriter& member(std::string_view name, long long value) { return key(name).integer(value); }
  JsonWriter& member(std::string_view name, double value) { return key(name).number(value); }
  JsonWriter& member(std::string_view name, bool value) { return key(name).boolean(value); }

  JsonWriter& start_object() {
    visit([](auto& w) { w.StartObject(); });
    return *this;
  }
  JsonWriter& start_object(std::string_view name) { return key(name).start_object(); }
  JsonWriter& end_object() {
    visit([](auto& w) { w.EndObject(); });
    return *this;
  }
  JsonWriter& start_array() {
    visit([](auto& w) { w.StartArray(); });
    return *this;
  }
  JsonWriter& start_array(std::string_view name) { return key(name).start_array(); }
  JsonWriter& end_array() {
    visit([](auto& w) { w.EndArray(); });
    return *this;
  }
  JsonWriter& string_array(std::string_view name, const std::vector<std::string>& items) {
    start_array(name);
    for (const auto& item : items) string(item);
    return end_array();
  }

  // The document as written so far.
  std::string str() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }
  // The finished document with a final newline, to be written to a file or stdout as it is.
  std::string finish() const { return str() + "\n"; }

private:
  using Pretty = rapidjson::PrettyWriter<rapidjson::StringBuffer>;
  using Compact = rapidjson::Writer<rapidjson::StringBuffer>;

  template <typename F>
  void visit(F&& f) {
    std::visit([&](auto& w) {
      if constexpr (!std::is_same_v<std::decay_t<decltype(w)>, std::monostate>) f(w);
    }, writer_);
  }

  rapidjson::StringBuffer buffer_;
  std::variant<std::monostate, Pretty, Compact> writer_;
};

} // namespace codegate::util
