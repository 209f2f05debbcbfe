#pragma once
// HTTP for every service codegate talks to (LLM providers, GitHub, GitLab): an interface so
// clients can be tested without a network, and the libcurl implementation the binary uses.

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace codegate::http {

// Why a request produced no complete HTTP response; retry.h decides which of these are worth
// another attempt.
enum class TransportError {
  none,       // a complete response arrived (any status)
  timeout,    // the request did not finish within its time limit
  connection, // refused, reset, closed early, or a truncated body
  too_large,  // the body, decoded, outgrew the client's limit; the transfer was cut off there
  other,      // anything else libcurl reports (bad URL, TLS setup, out of memory)
};

// The most body bytes a client keeps of one response unless configured otherwise (`http:
// max_response_bytes`): ample for an LLM answer or a page of an API listing, small enough that a
// hostile or broken server cannot take the run's memory.
constexpr std::size_t k_default_max_response_bytes = std::size_t{8} * 1024 * 1024;

// One request. Header values may hold secrets: only the client sees them.
struct HttpRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers; // name, value
  std::string body;                                         // sent when not empty, and always with POST
  double timeout_seconds = 60;
  std::string method = "POST"; // GET, POST, PATCH, PUT, DELETE
  // An HTTP proxy for this request ("http://localhost:29418"); empty: libcurl's default (the
  // http_proxy/https_proxy/no_proxy environment).
  std::string proxy;
};

// The outcome of one request: a status and body, or a transport error.
struct HttpResponse {
  TransportError error = TransportError::none;
  std::string error_message;                  // libcurl's text (or the limit's) when error != none
  long status = 0;                            // HTTP status, 0 without a response
  std::map<std::string, std::string> headers; // names lowercased; the last value wins
  std::string body;
};

// Sends one request and waits for the whole response. Implementations are safe to call from
// several threads at once.
class HttpClient {
public:
  virtual ~HttpClient() = default;
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

// The libcurl implementation: HTTP(S) only, no redirects (a redirect must not carry a token to
// another host), TLS verified with the system's CA certificates; a small pool of easy handles lets
// concurrent requests to the same host reuse their connections. A body is counted after
// decompression (a small gzip body can inflate to gigabytes) and the transfer is cut off past
// `max_response_bytes`. Header blocks need no limit of ours: libcurl refuses a header line over
// 100 KiB and a response whose headers total more than 300 KiB.
std::shared_ptr<HttpClient> make_curl_http_client(std::size_t max_response_bytes = k_default_max_response_bytes);

} // namespace codegate::http
