#pragma once
// A scripted HTTP server for the publishers' tests: a handler per "METHOD path", every request kept.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/http_client.h"

namespace codegate::test {

// Answers from a script: a handler per "METHOD path" (query stripped), a recorded request log.
class FakeApi : public http::HttpClient {
public:
  using Handler = std::function<http::HttpResponse(const http::HttpRequest&)>;

  http::HttpResponse send(const http::HttpRequest& request) override {
    requests.push_back(request);
    std::string path = request.url.substr(request.url.find('/', 8));
    path = path.substr(0, path.find('?'));
    auto it = handlers.find(request.method + " " + path);
    if (it == handlers.end()) {
      unexpected.push_back(request.method + " " + path);
      return reply(404, R"({"message":"Not Found"})");
    }
    return it->second(request);
  }

  static http::HttpResponse reply(long status, std::string body, std::map<std::string, std::string> headers = {}) {
    http::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    return r;
  }

  std::vector<const http::HttpRequest*> calls(const std::string& method, const std::string& path_part = "") const {
    std::vector<const http::HttpRequest*> out;
    for (const auto& r : requests)
      if (r.method == method && r.url.find(path_part) != std::string::npos) out.push_back(&r);
    return out;
  }

  std::map<std::string, Handler> handlers;
  std::vector<http::HttpRequest> requests;
  std::vector<std::string> unexpected;
};

} // namespace codegate::test
