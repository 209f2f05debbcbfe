#pragma once
// A small JSON REST client for the GitHub and GitLab APIs on the shared HTTP transport
// (http/http_client.h), retried by the same rules as every other request (http/retry.h) plus the
// APIs' own rate-limit answers.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/http_client.h"
#include "http/retry.h"

namespace codegate::platform {

// A finished exchange as the publishers read it.
struct RestReply {
  long status = 0; // 0: no HTTP response at all
  std::string body;
  std::string next_url; // the Link header's rel="next", for paginated lists
  std::string failure;  // empty on 2xx; else "HTTP 403: Resource not accessible..."
  bool ok() const { return status >= 200 && status < 300; }
};

// The seams a test replaces (sleeping, the jitter, the note per retry); empty members use the real
// clock and log. service_wait is the client's own: GitHub's rate limits.
using RestHooks = http::RetryHooks;

// One API: a base URL, the headers every request carries (authentication, Accept, API version),
// and the retry policy. `service` names the API in messages ("GitHub", "GitLab").
class RestClient {
public:
  RestClient(http::HttpClient& transport, std::string base_url,
             std::vector<std::pair<std::string, std::string>> headers, std::string service,
             http::RetryPolicy policy = default_policy(), RestHooks hooks = {});

  // `path_or_url` is a path under the base URL ("/repos/o/r/issues/1/comments") or, for the next
  // page of a list, the absolute URL the server sent. A JSON body is sent with its Content-Type.
  RestReply send(const std::string& method, const std::string& path_or_url, const std::string& json_body = "");
  RestReply get(const std::string& path_or_url) { return send("GET", path_or_url); }

  const std::string& service() const { return service_; }
  // Sends every request through this HTTP proxy (Bitbucket Pipelines' authenticating proxy).
  void use_proxy(std::string proxy) { proxy_ = std::move(proxy); }

  // Three retries, one second doubling: a CI step should not hang for minutes on a comment.
  static http::RetryPolicy default_policy();

private:
  http::HttpClient& transport_;
  std::string base_url_;
  std::vector<std::pair<std::string, std::string>> headers_;
  std::string service_;
  std::string proxy_;
  http::RetryPolicy policy_;
  RestHooks hooks_;
};

// The rel="next" target of an RFC 8288 Link header; empty when there is none.
std::string next_link(const std::string& link_header);

// The server's own words for a failed request: GitHub's and GitLab's JSON `message` (or
// `error`), else the first line of the body, cut to a readable length.
std::string server_message(const std::string& body);

// Percent-encodes a path segment (a GitLab project path, a file name in a query).
std::string url_encode(std::string_view text);

} // namespace codegate::platform
