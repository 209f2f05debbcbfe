// Every JSON entry point gets an answer nested a million levels deep: RapidJSON's recursive parser
// would overflow the stack (SIGSEGV); each must give its ordinary clean result instead.
#include <doctest/doctest.h>

#include <string>

#include "analyzers/bandit/bandit.h"
#include "analyzers/pylint/pylint.h"
#include "ci/github_event.h"
#include "core/error.h"
#include "intent/cache.h"
#include "intent/verdict_parser.h"
#include "llm/provider_http.h"
#include "platform/rest_client.h"
#include "python/source_index.h"
#include "refine/knowledge.h"
#include "util/files.h"
#include "util/json.h"
#include "util/temp_dir.h"

using namespace codegate;

namespace {

constexpr int k_deep = 1000000;

// {"key":{"key":...{"key":1}...}}, `depth` objects.
std::string deep_objects(const std::string& key, int depth = k_deep) {
  std::string open = "{\"" + key + "\":";
  std::string text;
  text.reserve(static_cast<std::size_t>(depth) * (open.size() + 1) + 1);
  for (int i = 0; i < depth; ++i) text += open;
  text += '1';
  text.append(static_cast<std::size_t>(depth), '}');
  return text;
}

std::string deep_arrays(int depth = k_deep) {
  return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']');
}

} // namespace

TEST_CASE("parse_json reads a million levels without recursing; nests_deeper_than measures without recursing") {
  rapidjson::Document doc = util::parse_json(deep_arrays());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(util::nests_deeper_than(doc, k_deep - 1));
  CHECK_FALSE(util::nests_deeper_than(doc, k_deep));
  CHECK(util::parse_json(deep_arrays().substr(1)).HasParseError()); // unbalanced: a clean parse error

  rapidjson::Document small = util::parse_json(R"({"a": [1, {"b": []}], "c": 2})");
  CHECK_FALSE(util::nests_deeper_than(small, 4)); // object, array, object, array
  CHECK(util::nests_deeper_than(small, 3));
  CHECK_FALSE(util::nests_deeper_than(util::parse_json("7"), 0));
}

TEST_CASE("the analyzers' report parsers reject a deeply nested report as malformed") {
  CHECK_THROWS_AS(parse_pylint_json(deep_objects("type")), ToolError);
  CHECK_THROWS_WITH_AS(parse_pylint_json("[" + deep_arrays() + "]"),
                       "Pylint printed a JSON report with a non-object message", ToolError);
  CHECK_THROWS_AS(parse_bandit_json(deep_objects("results")), ToolError);
  CHECK_THROWS_WITH_AS(python::parse_index_json(deep_objects("files")), "the Python source index printed no file list",
                       ToolError);
}

TEST_CASE("deeply nested cache entries, knowledge lines and GitHub events are unreadable, not fatal") {
  util::TempDir dir("codegate-json-test");
  intent::VerdictCache cache(dir.path());
  intent::CacheKey key{"openai", "m", "doc", "code"};
  REQUIRE(cache.store(key, intent::ModelVerdict{}));
  REQUIRE(util::write_file(cache.entry_path(key), deep_objects("format")));
  CHECK_FALSE(cache.load(key));

  refine::KnowledgeEntry entry;
  CHECK_FALSE(refine::KnowledgeBase::from_json_line(deep_objects("rule"), entry));

  std::string error;
  auto event = ci::parse_github_event("pull_request", deep_objects("pull_request"), error);
  REQUIRE(event);
  CHECK_FALSE(event->pull_request);
}

TEST_CASE("error bodies nested deeply are shown as text, never walked recursively") {
  std::string body = deep_objects("error");
  CHECK(llm::provider_error_message(body) == body.substr(0, 300) + "...");
  // A shallow structured message is written out; a deep one is not (Accept would recurse).
  CHECK(platform::server_message(R"({"message": {"base": ["is invalid"]}})") == R"({"base":["is invalid"]})");
  CHECK(platform::server_message(deep_objects("message")) == "");
}

// Bounded time: parse_verdict tries a few candidate objects, not every '{' (quadratic on a million
// braces, which would run into ctest's time-out); speed itself is not asserted in tests.
TEST_CASE("a verdict answer nested deeply is a clean parse problem") {
  CHECK(intent::parse_verdict(deep_objects("verdict")).problem ==
        "\"verdict\" must be \"consistent\", \"inconsistent\" or \"unclear\"");
  CHECK(intent::parse_verdict("Here: " + deep_objects("issues")).problem ==
        "the JSON object has no \"verdict\" member");
  CHECK(intent::parse_verdict(R"({"verdict": )" + deep_arrays() + "}").problem ==
        "\"verdict\" must be \"consistent\", \"inconsistent\" or \"unclear\"");
  // Unclosed braces: every candidate start scans to the end; only a few are tried.
  CHECK(intent::parse_verdict(std::string(k_deep, '{')).problem == "the answer held no JSON object");
}
