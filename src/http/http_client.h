#pragma once
// HTTP for every service codegate talks to (LLM providers, GitHub, GitLab): an interface so
// clients can be tested without a network, and the libcurl implementation the binary uses.

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
  other,      // anything else libcurl reports (bad URL, TLS setup, out of memory)
};

// One request. Header values may hold secrets: only the client sees them.
struct HttpRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers; // name, value
  std::string body;                                         // sent when not empty, and always with POST
  double timeout_seconds = 60;
  std::string method = "POST"; // GET, POST, PATCH, PUT, DELETE
};

// The outcome of one request: a status and body, or a transport error.
struct HttpResponse {
  TransportError error = TransportError::none;
  std::string error_message;                  // libcurl's text when error != none
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
// concurrent requests to the same host reuse their connections.
std::shared_ptr<HttpClient> make_curl_http_client();

} // namespace codegate::http
