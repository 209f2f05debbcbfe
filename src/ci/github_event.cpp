#include "ci/github_event.h"

#include <rapidjson/document.h>

#include "util/files.h"
#include "util/json.h"
#include "util/log.h"

namespace codegate::ci {
namespace {

// A string member of a JSON object, following a path of keys; empty when any step is missing,
// null or not of the expected type.
std::string string_at(const rapidjson::Value& root, std::initializer_list<const char*> path) {
  const rapidjson::Value* node = &root;
  for (const char* key : path) {
    if (!node->IsObject()) return "";
    auto it = node->FindMember(key);
    if (it == node->MemberEnd()) return "";
    node = &it->value;
  }
  return node->IsString() ? std::string(node->GetString(), node->GetStringLength()) : "";
}

std::optional<int> int_at(const rapidjson::Value& root, std::initializer_list<const char*> path) {
  const rapidjson::Value* node = &root;
  for (const char* key : path) {
    if (!node->IsObject()) return std::nullopt;
    auto it = node->FindMember(key);
    if (it == node->MemberEnd()) return std::nullopt;
    node = &it->value;
  }
  if (node->IsInt()) return node->GetInt();
  return std::nullopt;
}

} // namespace

bool is_null_sha(std::string_view sha) { return !sha.empty() && sha.find_first_not_of('0') == std::string_view::npos; }

std::optional<GithubEvent> parse_github_event(std::string_view event_name, std::string_view json, std::string& error) {
  rapidjson::Document doc = util::parse_json(json);
  if (doc.HasParseError() || !doc.IsObject()) {
    error = doc.HasParseError() ? "not valid JSON" : "not a JSON object";
    return std::nullopt;
  }
  GithubEvent event;
  event.name = std::string(event_name);
  auto pr = doc.FindMember("pull_request");
  if (pr != doc.MemberEnd() && pr->value.IsObject()) {
    const rapidjson::Value& p = pr->value;
    event.pull_request = int_at(p, {"number"});
    if (!event.pull_request) event.pull_request = int_at(doc, {"number"});
    event.base_sha = string_at(p, {"base", "sha"});
    event.head_sha = string_at(p, {"head", "sha"});
    event.base_repository = string_at(p, {"base", "repo", "full_name"});
    event.head_repository = string_at(p, {"head", "repo", "full_name"});
  } else if (doc.HasMember("merge_group")) {
    event.base_sha = string_at(doc, {"merge_group", "base_sha"});
    event.head_sha = string_at(doc, {"merge_group", "head_sha"});
  }
  event.before = string_at(doc, {"before"});
  event.after = string_at(doc, {"after"});
  if (event.base_repository.empty()) event.base_repository = string_at(doc, {"repository", "full_name"});
  return event;
}

std::optional<GithubEvent> load_github_event(const EnvLookup& env) {
  if (detect_ci(env) != CiPlatform::github) return std::nullopt;
  std::string path = env_or(env, "GITHUB_EVENT_PATH");
  std::string name = env_or(env, "GITHUB_EVENT_NAME");
  if (path.empty()) return std::nullopt;
  auto text = util::read_file(path);
  if (!text) {
    util::warn("cannot read the GitHub event payload " + path + " (GITHUB_EVENT_PATH)");
    return std::nullopt;
  }
  std::string error;
  auto event = parse_github_event(name, *text, error);
  if (!event) util::warn("the GitHub event payload " + path + " is " + error);
  return event;
}

} // namespace codegate::ci
