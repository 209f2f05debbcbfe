#include "http/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

#include "util/strings.h"

namespace codegate::http {
namespace {

// curl_global_init is not thread-safe in older libcurl versions, so it runs exactly once, before
// the first handle exists, and is never undone (the process ends soon after the last request).
void global_init_once() {
  static std::once_flag flag;
  std::call_once(flag, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
      throw std::runtime_error("libcurl: global initialisation failed");
  });
}

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

// Where the decoded body goes: libcurl hands the write callback the bytes after
// Content-Encoding is undone, so the limit bounds what codegate holds, not what crossed the wire.
struct BodySink {
  std::string* body = nullptr;
  std::size_t limit = 0;
  bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& sink = *static_cast<BodySink*>(user);
  std::size_t bytes = size * count;
  if (bytes > sink.limit - sink.body->size()) {
    sink.too_large = true;
    return 0; // a short count makes libcurl abort the transfer (CURLE_WRITE_ERROR)
  }
  sink.body->append(data, bytes);
  return bytes;
}

// The host a request went to, for messages ("response larger than ... from api.openai.com").
std::string host_of(const std::string& url) {
  std::string host = url;
  CURLU* parsed = curl_url();
  char* part = nullptr;
  if (parsed != nullptr && curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_HOST, &part, 0) == CURLUE_OK) {
    host = part;
  }
  curl_free(part);
  curl_url_cleanup(parsed);
  return host;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& headers = *static_cast<std::map<std::string, std::string>*>(user);
  std::string_view line(data, size * count);
  // A redirect or a 100-continue starts a new header block: keep only the final response's.
  if (util::starts_with(line, "HTTP/")) headers.clear();
  auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name = util::to_lower(util::trim(line.substr(0, colon)));
    headers[name] = std::string(util::trim(line.substr(colon + 1)));
  }
  return size * count;
}

void append_header(Slist& list, const std::string& line) {
  // On failure curl_slist_append leaves the list as it was and returns null.
  curl_slist* head = curl_slist_append(list.get(), line.c_str());
  if (head == nullptr) throw std::runtime_error("libcurl: out of memory building headers");
  (void)list.release();
  list.reset(head);
}

TransportError classify(CURLcode code) {
  switch (code) {
    case CURLE_OK: return TransportError::none;
    case CURLE_OPERATION_TIMEDOUT: return TransportError::timeout;
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_PARTIAL_FILE: // Content-Length promised more than arrived
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR: return TransportError::connection;
    default: return TransportError::other;
  }
}

class CurlHttpClient : public HttpClient {
public:
  explicit CurlHttpClient(std::size_t max_response_bytes) : max_response_bytes_(max_response_bytes) {
    global_init_once();
  }

  HttpResponse send(const HttpRequest& request) override {
    EasyHandle handle = acquire();
    HttpResponse response = perform(handle.get(), request, max_response_bytes_);
    // A handle whose transfer failed may hold a broken connection; let it go.
    if (response.error == TransportError::none) release(std::move(handle));
    return response;
  }

private:
  static constexpr std::size_t k_max_idle_handles = 16;

  EasyHandle acquire() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        EasyHandle handle = std::move(idle_.back());
        idle_.pop_back();
        curl_easy_reset(handle.get()); // keeps the connection cache, drops every option
        return handle;
      }
    }
    EasyHandle handle(curl_easy_init());
    if (!handle) throw std::runtime_error("libcurl: cannot create a handle");
    return handle;
  }

  void release(EasyHandle handle) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < k_max_idle_handles) idle_.push_back(std::move(handle));
  }

  static HttpResponse perform(CURL* curl, const HttpRequest& request, std::size_t max_response_bytes) {
    HttpResponse response;
    BodySink sink{&response.body, max_response_bytes};
    Slist headers;
    for (const auto& [name, value] : request.headers) {
      std::string line = name;
      line += ": ";
      line += value;
      append_header(headers, line);
    }
    // libcurl would otherwise send "Expect: 100-continue" for large bodies and wait for the
    // server, which some OpenAI-compatible servers never answer.
    append_header(headers, "Expect:");

    auto timeout_ms = static_cast<long>(request.timeout_seconds * 1000);
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    if (request.method == "GET") {
      curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else {
      if (request.method != "POST") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
      if (!request.body.empty() || request.method == "POST") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      }
    }
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    // Null gives a pooled handle back libcurl's default, the environment's proxy variables.
    curl_easy_setopt(curl, CURLOPT_PROXY, request.proxy.empty() ? nullptr : request.proxy.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    // Worker threads must not get SIGALRM from the resolver's timeout handling.
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout_ms, 30000L));
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, ""); // whatever this libcurl can decode
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "codegate/" CODEGATE_VERSION);
    // Only HTTP(S): a base_url from configuration must not reach file:// or other schemes.
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);

    CURLcode code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    // The handle goes back to the pool; it must not keep pointers into this frame.
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    response.error = classify(code);
    if (sink.too_large) {
      // Not the partial body: a truncated document is no answer, and it is what would be kept.
      response.error = TransportError::too_large;
      response.error_message =
          "response larger than " + std::to_string(max_response_bytes) + " bytes from " + host_of(request.url);
      response.body.clear();
      response.body.shrink_to_fit();
    } else if (response.error != TransportError::none) {
      response.error_message = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    }
    return response;
  }

  const std::size_t max_response_bytes_;
  std::mutex mutex_;
  std::vector<EasyHandle> idle_;
};

} // namespace

std::shared_ptr<HttpClient> make_curl_http_client(std::size_t max_response_bytes) {
  return std::make_shared<CurlHttpClient>(max_response_bytes);
}

} // namespace codegate::http
