#include "cache/result_cache.h"

#include <rapidjson/document.h>

#include "util/files.h"
#include "util/hash.h"
#include "util/json.h"
#include "util/json_writer.h"

namespace codegate::cache {
namespace {

constexpr int k_format = 2; // 2: the tool's identity moved from the key into the entry

const rapidjson::Value* member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() ? &it->value : nullptr;
}

// Every field must be there with its type: anything else is not an entry this code wrote.
bool read_string(const rapidjson::Value& object, const char* name, std::string& out) {
  const auto* value = member(object, name);
  if (value == nullptr || !value->IsString()) return false;
  out.assign(value->GetString(), value->GetStringLength());
  return true;
}

bool read_int(const rapidjson::Value& object, const char* name, int& out) {
  const auto* value = member(object, name);
  if (value == nullptr || !value->IsInt()) return false;
  out = value->GetInt();
  return true;
}

std::optional<Finding> read_finding(const rapidjson::Value& item) {
  if (!item.IsObject()) return std::nullopt;
  Finding f;
  std::string level;
  if (!read_string(item, "tool", f.tool) || !read_string(item, "rule_id", f.rule_id) ||
      !read_string(item, "rule_name", f.rule_name) || !read_string(item, "level", level) ||
      !read_string(item, "tool_severity", f.tool_severity) || !read_string(item, "confidence", f.confidence) ||
      !read_string(item, "path", f.path) || !read_int(item, "line", f.line) || !read_int(item, "column", f.column) ||
      !read_int(item, "end_line", f.end_line) || !read_int(item, "end_column", f.end_column) ||
      !read_string(item, "message", f.message) || !read_string(item, "help_uri", f.help_uri)) {
    return std::nullopt;
  }
  auto parsed_level = parse_level(level);
  if (!parsed_level) return std::nullopt;
  f.level = *parsed_level;
  if (const auto* cwe = member(item, "cwe"); cwe != nullptr) {
    if (!cwe->IsInt()) return std::nullopt;
    f.cwe = cwe->GetInt();
  }
  if (const auto* suppression = member(item, "suppression"); suppression != nullptr) {
    Suppression s;
    if (!suppression->IsObject() || !read_int(*suppression, "line", s.line) ||
        !read_string(*suppression, "comment", s.comment)) {
      return std::nullopt;
    }
    f.suppression = s;
  }
  return f;
}

} // namespace

std::string entry_json(const std::string& key, const std::string& path, const CachedEntry& entry) {
  util::JsonWriter w(util::JsonStyle::compact);
  w.start_object();
  w.member("format", k_format);
  w.member("key", key);
  w.member("path", path);
  w.member("tool", entry.tool);
  w.start_array("findings");
  for (const auto& f : entry.findings) {
    w.start_object();
    w.member("tool", f.tool);
    w.member("rule_id", f.rule_id);
    w.member("rule_name", f.rule_name);
    if (f.cwe) w.member("cwe", *f.cwe);
    w.member("level", std::string(to_string(f.level)));
    w.member("tool_severity", f.tool_severity);
    w.member("confidence", f.confidence);
    w.member("path", f.path);
    w.member("line", f.line);
    w.member("column", f.column);
    w.member("end_line", f.end_line);
    w.member("end_column", f.end_column);
    w.member("message", f.message);
    w.member("help_uri", f.help_uri);
    // Only what the tool said (Pylint's I0020: the pragma's line); who wrote the comment and
    // whether it counts are decided afresh on every run (Analyzer::complete).
    if (f.suppression) {
      w.start_object("suppression");
      w.member("line", f.suppression->line);
      w.member("comment", f.suppression->comment);
      w.end_object();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.str();
}

std::optional<CachedEntry> parse_entry_json(const std::string& text, const std::string& key, const std::string& path) {
  rapidjson::Document doc = util::parse_json(text);
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  int format = 0;
  std::string stored_key, stored_path;
  CachedEntry entry;
  if (!read_int(doc, "format", format) || format != k_format || !read_string(doc, "key", stored_key) ||
      stored_key != key || !read_string(doc, "path", stored_path) || stored_path != path ||
      !read_string(doc, "tool", entry.tool)) {
    return std::nullopt;
  }
  const auto* items = member(doc, "findings");
  if (items == nullptr || !items->IsArray()) return std::nullopt;
  for (const auto& item : items->GetArray()) {
    auto f = read_finding(item);
    // A finding about another file than the entry's cannot be one this code stored.
    if (!f || f->path != path) return std::nullopt;
    entry.findings.push_back(std::move(*f));
  }
  return entry;
}

ResultCache::ResultCache(std::string directory) : directory_(std::move(directory)) {}

std::string ResultCache::entry_path(const std::string& key, const std::string& path) const {
  std::string hash = util::hash_parts({"codegate-result-cache", std::to_string(k_format), key, path});
  return directory_ + "/results/" + hash.substr(0, 2) + "/" + hash + ".json";
}

std::optional<CachedEntry> ResultCache::load(const std::string& key, const std::string& path) const {
  if (!enabled()) return std::nullopt;
  try {
    auto text = util::read_file(entry_path(key, path));
    if (!text) return std::nullopt;
    return parse_entry_json(*text, key, path);
  } catch (const std::exception&) {
    return std::nullopt; // unreadable: a miss
  }
}

util::Result<void> ResultCache::store(const std::string& key, const std::string& path, const CachedEntry& entry) const {
  if (!enabled()) return util::Failure{"the result cache is off"};
  // A concurrent run, or this run killed halfway, never leaves half an entry.
  return util::write_file_atomic(entry_path(key, path), entry_json(key, path, entry));
}

} // namespace codegate::cache
