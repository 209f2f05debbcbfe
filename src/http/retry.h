#pragma once
// When and how long to wait before sending a failed LLM request again: exponential backoff with
// jitter, and the server's own Retry-After when it sends one.

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "http/http_client.h"

namespace codegate::http {

// How persistent a client is; the defaults suit a CI job that should not hang for minutes.
struct RetryPolicy {
  int retries = 3;                                   // attempts after the first one
  std::chrono::milliseconds base_delay{1000};        // the first backoff, before jitter
  std::chrono::milliseconds max_delay{30000};        // no backoff waits longer than this
  std::chrono::milliseconds max_retry_after{120000}; // a longer Retry-After ends the retries
};

// True for the failures a later attempt can cure: timeouts, broken connections, 408, 409, 429
// and 5xx, unless the server said `x-should-retry: false` (the OpenAI and Anthropic servers do).
// A body over the size limit is not: the server would most likely send the same body again, and
// each attempt would spend the time and bandwidth of a full limit's worth of download.
bool is_retryable(const HttpResponse& response);

// The wait a response asks for: `retry-after-ms`, else `Retry-After` as seconds or HTTP-date.
std::optional<std::chrono::milliseconds> retry_after(const std::map<std::string, std::string>& headers,
                                                     std::chrono::system_clock::time_point now);

// The backoff before retry number `attempt` (0 for the first retry) without a Retry-After:
// base * 2^attempt capped at max_delay, of which the upper half is scaled by `jitter` in [0, 1].
std::chrono::milliseconds backoff_delay(int attempt, const RetryPolicy& policy, double jitter);

// The seams a test replaces (sleeping, the random jitter, a note per retry) and a service's own rule.
struct RetryHooks {
  std::function<void(std::chrono::milliseconds)> sleep; // empty: std::this_thread::sleep_for
  std::function<double()> jitter;                       // empty: uniform in [0, 1)
  // Gets "failed (HTTP 503); retry 1 of 3 in 1000 ms"; empty: util::progress("LLM request " + note).
  std::function<void(const std::string&)> on_retry;
  // A service's rule for failures is_retryable does not know (GitHub's rate limits answer 403 and
  // say when to come back): the wait it asks for, or nullopt for the general rules.
  std::function<std::optional<std::chrono::milliseconds>(const HttpResponse&)> service_wait;
};

// Sends `request` until it succeeds (2xx), fails for good, or the retries are spent; returns the
// last response. A wait longer than policy.max_retry_after (Retry-After, or the service's) ends
// the retries at once.
HttpResponse send_with_retries(HttpClient& http, const HttpRequest& request, const RetryPolicy& policy,
                               const RetryHooks& hooks = {});

// One line naming what went wrong with a response, for notes and errors ("HTTP 503", "timed out
// after 60 s", "connection failed: ...", "response larger than N bytes from HOST").
std::string describe_failure(const HttpResponse& response, double timeout_seconds);

} // namespace codegate::http
