#include "intent/cache.h"

#include <rapidjson/document.h>

#include <filesystem>

#include "intent/prompt.h"
#include "util/files.h"
#include "util/hash.h"
#include "util/json.h"
#include "util/json_writer.h"

namespace codegate::intent {
namespace {

constexpr int k_format = 1;

std::string hash_of(const CacheKey& key) {
  // Without base context the key's parts are what they always were: existing entries still hit.
  if (key.base_code.empty())
    return util::hash_parts({"codegate-intent-cache", std::to_string(k_format), key.provider, key.model,
                             k_prompt_version, key.docstring, key.code});
  return util::hash_parts({"codegate-intent-cache", std::to_string(k_format), key.provider, key.model, k_prompt_version,
                           key.docstring, key.code, "base", key.base_code});
}

std::string string_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString()
             ? std::string(it->value.GetString(), it->value.GetStringLength())
             : std::string();
}

} // namespace

VerdictCache::VerdictCache(std::string directory) : directory_(std::move(directory)) {}

std::string VerdictCache::entry_path(const CacheKey& key) const {
  std::string hash = hash_of(key);
  return directory_ + "/intent/" + hash.substr(0, 2) + "/" + hash + ".json";
}

std::optional<ModelVerdict> VerdictCache::load(const CacheKey& key) const {
  if (!enabled()) return std::nullopt;
  auto text = util::read_file(entry_path(key));
  if (!text) return std::nullopt;
  rapidjson::Document doc = util::parse_json(*text);
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  auto format = doc.FindMember("format");
  if (format == doc.MemberEnd() || !format->value.IsInt() || format->value.GetInt() != k_format) return std::nullopt;
  if (string_member(doc, "provider") != key.provider || string_member(doc, "model") != key.model ||
      string_member(doc, "prompt_version") != k_prompt_version || string_member(doc, "docstring") != key.docstring ||
      string_member(doc, "code") != key.code || string_member(doc, "base_code") != key.base_code) {
    return std::nullopt;
  }
  auto verdict = parse_model_verdict(string_member(doc, "verdict"));
  if (!verdict) return std::nullopt;
  ModelVerdict out;
  out.verdict = *verdict;
  auto confidence = doc.FindMember("confidence");
  if (confidence != doc.MemberEnd() && confidence->value.IsNumber()) out.confidence = confidence->value.GetDouble();
  auto issues = doc.FindMember("issues");
  if (issues != doc.MemberEnd() && issues->value.IsArray()) {
    for (const auto& item : issues->value.GetArray()) {
      if (!item.IsObject()) continue;
      VerdictIssue issue;
      auto line = item.FindMember("relative_line");
      if (line != item.MemberEnd() && line->value.IsInt()) issue.line = line->value.GetInt();
      issue.explanation = string_member(item, "explanation");
      out.issues.push_back(std::move(issue));
    }
  }
  return out;
}

util::Result<void> VerdictCache::store(const CacheKey& key, const ModelVerdict& verdict) const {
  if (!enabled()) return {};
  util::JsonWriter w(util::JsonStyle::compact);
  w.start_object();
  w.member("format", k_format);
  w.member("provider", key.provider);
  w.member("model", key.model);
  w.member("prompt_version", k_prompt_version);
  w.key("verdict");
  auto name = to_string(verdict.verdict);
  w.string(name);
  w.member("confidence", verdict.confidence);
  w.key("issues");
  w.start_array();
  for (const auto& issue : verdict.issues) {
    w.start_object();
    w.member("relative_line", issue.line);
    w.member("explanation", issue.explanation);
    w.end_object();
  }
  w.end_array();
  w.member("docstring", key.docstring);
  w.member("code", key.code);
  if (!key.base_code.empty()) w.member("base_code", key.base_code);
  w.end_object();

  std::string path = entry_path(key);
  // A concurrent run, or this run killed halfway, never leaves half an entry.
  return util::write_file_atomic(path, w.str());
}

} // namespace codegate::intent
