#include "http/retry.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <iomanip>
#include <random>
#include <sstream>
#include <thread>

#include "util/log.h"
#include "util/strings.h"

namespace codegate::http {
namespace {

std::optional<std::string> header(const std::map<std::string, std::string>& headers, const std::string& name) {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<double> parse_number(std::string_view text) {
  text = util::trim(text);
  if (text.empty()) return std::nullopt;
  std::string copy(text);
  std::size_t used = 0;
  try {
    double value = std::stod(copy, &used);
    if (used != copy.size() || !std::isfinite(value) || value < 0) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

double default_jitter() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

} // namespace

bool is_retryable(const HttpResponse& response) {
  if (response.error == TransportError::timeout || response.error == TransportError::connection) return true;
  if (response.error != TransportError::none) return false;
  auto should = header(response.headers, "x-should-retry");
  if (should == "false") return false;
  if (should == "true") return true;
  long s = response.status;
  return s == 408 || s == 409 || s == 429 || s >= 500;
}

std::optional<std::chrono::milliseconds> retry_after(const std::map<std::string, std::string>& headers,
                                                     std::chrono::system_clock::time_point now) {
  if (auto ms = header(headers, "retry-after-ms")) {
    if (auto value = parse_number(*ms)) return std::chrono::milliseconds(static_cast<long long>(std::ceil(*value)));
  }
  auto text = header(headers, "retry-after");
  if (!text) return std::nullopt;
  if (auto seconds = parse_number(*text)) {
    return std::chrono::milliseconds(static_cast<long long>(std::ceil(*seconds * 1000)));
  }
  // RFC 9110 HTTP-date, IMF-fixdate form: "Wed, 21 Oct 2015 07:28:00 GMT".
  std::tm tm{};
  std::istringstream in{std::string(util::trim(*text))};
  in.imbue(std::locale::classic());
  in >> std::get_time(&tm, "%a, %d %b %Y %H:%M:%S");
  if (in.fail()) return std::nullopt;
  auto when = std::chrono::system_clock::from_time_t(timegm(&tm));
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(when - now);
  return std::max(wait, std::chrono::milliseconds(0));
}

std::chrono::milliseconds backoff_delay(int attempt, const RetryPolicy& policy, double jitter) {
  double ceiling = static_cast<double>(policy.max_delay.count());
  double full = std::min(ceiling, static_cast<double>(policy.base_delay.count()) * std::pow(2.0, std::max(0, attempt)));
  jitter = std::clamp(jitter, 0.0, 1.0);
  // "Equal jitter": never less than half the backoff, so clients spread out without any of them
  // retrying immediately.
  return std::chrono::milliseconds(static_cast<long long>(full / 2 + full / 2 * jitter));
}

std::string describe_failure(const HttpResponse& response, double timeout_seconds) {
  switch (response.error) {
    case TransportError::timeout: {
      std::ostringstream out;
      out << "timed out after " << timeout_seconds << " s";
      return out.str();
    }
    case TransportError::connection: return "connection failed: " + response.error_message;
    case TransportError::too_large: return response.error_message;
    case TransportError::other: return "request failed: " + response.error_message;
    case TransportError::none: break;
  }
  return "HTTP " + std::to_string(response.status);
}

HttpResponse send_with_retries(HttpClient& http, const HttpRequest& request, const RetryPolicy& policy,
                               const RetryHooks& hooks) {
  // The wait before the next attempt at `response`; nullopt: it failed for good.
  auto next_wait = [&](const HttpResponse& response, int attempt) -> std::optional<std::chrono::milliseconds> {
    std::optional<std::chrono::milliseconds> asked = hooks.service_wait ? hooks.service_wait(response) : std::nullopt;
    if (!asked) {
      if (!is_retryable(response)) return std::nullopt;
      asked = retry_after(response.headers, std::chrono::system_clock::now());
      if (!asked) return backoff_delay(attempt, policy, hooks.jitter ? hooks.jitter() : default_jitter());
    }
    // Waiting longer than a CI job should for one request: report the failure instead.
    if (*asked > policy.max_retry_after) return std::nullopt;
    return asked;
  };
  for (int attempt = 0;; ++attempt) {
    HttpResponse response = http.send(request);
    bool ok = response.error == TransportError::none && response.status >= 200 && response.status < 300;
    if (ok || attempt >= policy.retries) return response;
    auto wait = next_wait(response, attempt);
    if (!wait) return response;
    std::string note = "failed (" + describe_failure(response, request.timeout_seconds) + "); retry " +
                       std::to_string(attempt + 1) + " of " + std::to_string(policy.retries) + " in " +
                       std::to_string(wait->count()) + " ms";
    if (hooks.on_retry)
      hooks.on_retry(note);
    else
      util::progress("LLM request " + note);
    if (hooks.sleep)
      hooks.sleep(*wait);
    else
      std::this_thread::sleep_for(*wait);
  }
}

} // namespace codegate::http
