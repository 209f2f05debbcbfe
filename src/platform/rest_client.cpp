#include "platform/rest_client.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "util/json.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate::platform {
namespace {

std::optional<std::string> header(const http::HttpResponse& response, const std::string& name) {
  auto it = response.headers.find(name);
  if (it == response.headers.end()) return std::nullopt;
  return it->second;
}

// GitHub's rate limits answer 403 or 429 and say when to come back (Retry-After, or the reset
// time of an exhausted quota); http::is_retryable does not know GitHub's headers.
std::optional<std::chrono::milliseconds> rate_limit_wait(const http::HttpResponse& response) {
  if (response.status != 403 && response.status != 429) return std::nullopt;
  if (auto asked = http::retry_after(response.headers, std::chrono::system_clock::now())) return asked;
  if (header(response, "x-ratelimit-remaining") != "0") return std::nullopt;
  auto reset = header(response, "x-ratelimit-reset");
  if (!reset) return std::nullopt;
  try {
    auto when = std::chrono::system_clock::time_point(std::chrono::seconds(std::stoll(*reset)));
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(when - std::chrono::system_clock::now());
    return std::max(wait, std::chrono::milliseconds(1000));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The method and path for messages; never the query (it could carry a token in other APIs).
std::string describe(const http::HttpRequest& request) {
  std::string url = request.url.substr(0, request.url.find('?'));
  return request.method + " " + url;
}

} // namespace

http::RetryPolicy RestClient::default_policy() {
  http::RetryPolicy policy;
  policy.retries = 3;
  policy.base_delay = std::chrono::milliseconds(1000);
  policy.max_delay = std::chrono::milliseconds(16000);
  policy.max_retry_after = std::chrono::milliseconds(60000);
  return policy;
}

RestClient::RestClient(http::HttpClient& transport, std::string base_url,
                       std::vector<std::pair<std::string, std::string>> headers, std::string service,
                       http::RetryPolicy policy, RestHooks hooks)
    : transport_(transport),
      base_url_(std::move(base_url)),
      headers_(std::move(headers)),
      service_(std::move(service)),
      policy_(policy),
      hooks_(std::move(hooks)) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
}

RestReply RestClient::send(const std::string& method, const std::string& path_or_url, const std::string& json_body) {
  http::HttpRequest request;
  request.timeout_seconds = 30;
  request.method = method;
  bool absolute = util::starts_with(path_or_url, "http://") || util::starts_with(path_or_url, "https://");
  // A next-page URL comes from the server; the token goes nowhere but the API it was given for.
  if (absolute && !util::starts_with(path_or_url, base_url_ + "/") &&
      !util::starts_with(path_or_url, base_url_ + "?")) {
    RestReply refused;
    refused.failure = "refused to send the token to " + path_or_url.substr(0, path_or_url.find('?')) +
                      ", which is not under " + base_url_;
    return refused;
  }
  request.url = absolute ? path_or_url : base_url_ + path_or_url;
  request.headers = headers_;
  request.proxy = proxy_;
  if (!json_body.empty()) request.headers.emplace_back("Content-Type", "application/json");
  request.body = json_body;

  http::RetryHooks retry = hooks_;
  retry.service_wait = rate_limit_wait;
  retry.on_retry = [&](const std::string& note) {
    std::string line = service_ + " API " + describe(request) + " " + note;
    if (hooks_.on_retry)
      hooks_.on_retry(line);
    else
      util::progress(line);
  };
  http::HttpResponse response = http::send_with_retries(transport_, request, policy_, retry);
  bool ok = response.error == http::TransportError::none && response.status >= 200 && response.status < 300;
  RestReply reply;
  reply.status = response.error == http::TransportError::none ? response.status : 0;
  reply.body = std::move(response.body);
  if (auto link = header(response, "link")) reply.next_url = next_link(*link);
  if (!ok) {
    reply.failure = http::describe_failure(response, request.timeout_seconds);
    if (reply.status != 0) {
      std::string said = server_message(reply.body);
      if (!said.empty()) reply.failure += ": " + said;
    }
  }
  return reply;
}

std::string next_link(const std::string& link_header) {
  // <https://api.github.com/...&page=2>; rel="next", <...>; rel="last"
  std::size_t pos = 0;
  while (pos < link_header.size()) {
    std::size_t open = link_header.find('<', pos);
    if (open == std::string::npos) break;
    std::size_t close = link_header.find('>', open);
    if (close == std::string::npos) break;
    std::size_t end = link_header.find('<', close);
    std::string params = link_header.substr(close + 1, end == std::string::npos ? std::string::npos : end - close - 1);
    if (params.find("rel=\"next\"") != std::string::npos || params.find("rel=next") != std::string::npos)
      return link_header.substr(open + 1, close - open - 1);
    pos = close + 1;
  }
  return "";
}

std::string server_message(const std::string& body) {
  constexpr std::size_t k_max = 200;
  constexpr int k_max_depth = 8;
  rapidjson::Document doc = util::parse_json(body);
  std::string said;
  if (!doc.HasParseError() && doc.IsObject()) {
    for (const char* key : {"message", "error"}) {
      auto it = doc.FindMember(key);
      if (it == doc.MemberEnd()) continue;
      if (it->value.IsString())
        said = it->value.GetString();
      else if ((it->value.IsObject() || it->value.IsArray()) && !util::nests_deeper_than(it->value, k_max_depth)) {
        // GitLab sends {"message": {"base": ["..."]}} for validation errors. Writing the value
        // back out recurses per level, so only a shallow one is shown.
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        it->value.Accept(writer);
        said = buffer.GetString();
      }
      if (!said.empty()) break;
    }
  } else {
    auto lines = util::split_lines(body);
    if (!lines.empty()) said = std::string(util::trim(lines.front()));
  }
  said = util::to_valid_utf8(said);
  if (said.size() > k_max) said = said.substr(0, k_max) + "...";
  return said;
}

std::string url_encode(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    bool keep = std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
    if (keep) {
      out += c;
    } else {
      out += '%';
      out += k_hex[byte >> 4];
      out += k_hex[byte & 0x0F];
    }
  }
  return out;
}

} // namespace codegate::platform
