#include <doctest/doctest.h>

#include <chrono>

#include "http/retry.h"
#include "llm_fakes.h"

using namespace codegate::http;
using codegate::testing::http_response;
using codegate::testing::ScriptedHttp;
using codegate::testing::transport_failure;
using std::chrono::milliseconds;

TEST_CASE("backoff doubles from the base delay, stays within the upper half with jitter, and is capped") {
  RetryPolicy policy;
  policy.base_delay = milliseconds(1000);
  policy.max_delay = milliseconds(5000);
  CHECK(backoff_delay(0, policy, 0.0) == milliseconds(500));
  CHECK(backoff_delay(0, policy, 1.0) == milliseconds(1000));
  CHECK(backoff_delay(1, policy, 0.0) == milliseconds(1000));
  CHECK(backoff_delay(1, policy, 0.5) == milliseconds(1500));
  CHECK(backoff_delay(2, policy, 1.0) == milliseconds(4000));
  CHECK(backoff_delay(3, policy, 1.0) == milliseconds(5000)); // 8 s capped at 5 s
  CHECK(backoff_delay(30, policy, 0.0) == milliseconds(2500));
  CHECK(backoff_delay(0, policy, 7.0) == milliseconds(1000)); // jitter clamped to [0, 1]
}

TEST_CASE("Retry-After is read as seconds, as an HTTP-date, and retry-after-ms wins") {
  auto now = std::chrono::system_clock::from_time_t(1445412480); // Wed, 21 Oct 2015 07:28:00 GMT
  CHECK(retry_after({{"retry-after", "1"}}, now) == milliseconds(1000));
  CHECK(retry_after({{"retry-after", " 2.5 "}}, now) == milliseconds(2500));
  CHECK(retry_after({{"retry-after", "Wed, 21 Oct 2015 07:28:30 GMT"}}, now) == milliseconds(30000));
  CHECK(retry_after({{"retry-after", "Wed, 21 Oct 2015 07:27:00 GMT"}}, now) == milliseconds(0));
  CHECK(retry_after({{"retry-after", "3"}, {"retry-after-ms", "120"}}, now) == milliseconds(120));
  CHECK_FALSE(retry_after({{"retry-after", "soon"}}, now));
  CHECK_FALSE(retry_after({{"retry-after", "-1"}}, now));
  CHECK_FALSE(retry_after({}, now));
}

TEST_CASE("429, 5xx, timeouts and broken connections are retried; other failures are not") {
  CHECK(is_retryable(http_response(429, "")));
  CHECK(is_retryable(http_response(500, "")));
  CHECK(is_retryable(http_response(503, "")));
  CHECK(is_retryable(http_response(529, ""))); // Anthropic: overloaded
  CHECK(is_retryable(http_response(408, "")));
  CHECK(is_retryable(transport_failure(TransportError::timeout)));
  CHECK(is_retryable(transport_failure(TransportError::connection)));
  CHECK_FALSE(is_retryable(transport_failure(TransportError::other)));
  CHECK_FALSE(is_retryable(transport_failure(TransportError::too_large)));
  CHECK_FALSE(is_retryable(http_response(400, "")));
  CHECK_FALSE(is_retryable(http_response(401, "")));
  CHECK_FALSE(is_retryable(http_response(404, "")));
  CHECK_FALSE(is_retryable(http_response(500, "", {{"x-should-retry", "false"}})));
  CHECK(is_retryable(http_response(400, "", {{"x-should-retry", "true"}})));
}

namespace {

struct Recorder {
  std::vector<milliseconds> sleeps;
  std::vector<std::string> notes;
  RetryHooks hooks() {
    RetryHooks h;
    h.sleep = [this](milliseconds d) { sleeps.push_back(d); };
    h.jitter = [] { return 0.0; };
    h.on_retry = [this](const std::string& note) { notes.push_back(note); };
    return h;
  }
};

} // namespace

TEST_CASE("send_with_retries backs off, honours Retry-After, and stops at the first success") {
  ScriptedHttp http;
  http.responses = {http_response(500, "oops"), http_response(429, "slow down", {{"retry-after", "1"}}),
                    transport_failure(TransportError::timeout), http_response(200, "ok")};
  Recorder recorder;
  RetryPolicy policy;
  policy.retries = 3;
  auto response = send_with_retries(http, {"http://x", {}, "{}", 5, "POST", ""}, policy, recorder.hooks());
  CHECK(response.status == 200);
  CHECK(http.requests.size() == 4);
  REQUIRE(recorder.sleeps.size() == 3);
  CHECK(recorder.sleeps[0] == milliseconds(500));  // backoff 0 with no jitter
  CHECK(recorder.sleeps[1] == milliseconds(1000)); // Retry-After: 1
  CHECK(recorder.sleeps[2] == milliseconds(2000)); // backoff 2
  CHECK(recorder.notes[0] == "failed (HTTP 500); retry 1 of 3 in 500 ms");
  CHECK(recorder.notes[2] == "failed (timed out after 5 s); retry 3 of 3 in 2000 ms");
}

TEST_CASE("send_with_retries gives up after the configured retries and returns the last failure") {
  ScriptedHttp http;
  http.responses = {http_response(503, "down")};
  Recorder recorder;
  RetryPolicy policy;
  policy.retries = 2;
  auto response = send_with_retries(http, {"http://x", {}, "{}", 5, "POST", ""}, policy, recorder.hooks());
  CHECK(response.status == 503);
  CHECK(http.requests.size() == 3);
  CHECK(recorder.sleeps.size() == 2);
}

TEST_CASE("send_with_retries does not retry a 401 and does not wait for an excessive Retry-After") {
  Recorder recorder;
  RetryPolicy policy;
  {
    ScriptedHttp http;
    http.responses = {http_response(401, "no")};
    CHECK(send_with_retries(http, {"http://x", {}, "{}", 5, "POST", ""}, policy, recorder.hooks()).status == 401);
    CHECK(http.requests.size() == 1);
  }
  {
    ScriptedHttp http;
    http.responses = {http_response(429, "later", {{"retry-after", "3600"}})};
    CHECK(send_with_retries(http, {"http://x", {}, "{}", 5, "POST", ""}, policy, recorder.hooks()).status == 429);
    CHECK(http.requests.size() == 1);
  }
  CHECK(recorder.sleeps.empty());
}
