#include <doctest/doctest.h>

#include "intent/docstring.h"
#include "intent/verdict_parser.h"

using namespace codegate::intent;

TEST_CASE("structured docstrings are split into Input Prompt, Intention and Functionality") {
  auto d = parse_docstring(
      "Input Prompt: Write a function that reads a file\n"
      "    and returns its lines.\n"
      "Intention: Give callers the lines of a text file.\n"
      "Functionality:\n"
      "    Opens the file read-only.\n"
      "      - strips newlines\n"
      "    Returns a list of str.\n");
  CHECK(d.structured);
  CHECK(d.input_prompt == "Write a function that reads a file\nand returns its lines.");
  CHECK(d.intention == "Give callers the lines of a text file.");
  CHECK(d.functionality == "Opens the file read-only.\n  - strips newlines\nReturns a list of str.");
  CHECK(d.other.empty());
}

TEST_CASE("field names are recognised in any case, with Markdown emphasis, bullets and dashes") {
  auto d = parse_docstring(
      "Read lines.\n\n**Input prompt**: read a file\n- INTENTION - lines\n* __Functionality__: \xE2\x80\x94 opens "
      "it\n");
  CHECK(d.structured);
  CHECK(d.other == "Read lines.");
  CHECK(d.input_prompt == "read a file");
  CHECK(d.intention == "lines");
  CHECK(d.functionality == "\xE2\x80\x94 opens it");
}

TEST_CASE("a field named on a line of its own takes the lines below it") {
  auto d = parse_docstring("Intention\n    Keep it short.\nFunctionality:\n    Does little.");
  CHECK(d.structured);
  CHECK(d.intention == "Keep it short.");
  CHECK(d.functionality == "Does little.");
}

TEST_CASE("prose that merely mentions a field name is not a field") {
  auto d = parse_docstring("Functionality is limited to reading.\nThe intention was to keep it small.");
  CHECK_FALSE(d.structured);
  CHECK(d.other == "Functionality is limited to reading.\nThe intention was to keep it small.");
}

TEST_CASE("an ordinary docstring is used whole") {
  auto d = parse_docstring("  Return the sum.\n\n  Args:\n      a: first\n");
  CHECK_FALSE(d.structured);
  CHECK(d.other == "Return the sum.\n\n  Args:\n      a: first");
  CHECK(d.intention.empty());
}

TEST_CASE("a verdict's name reads back exactly; the model's word for it in any case, never unchecked") {
  for (Verdict v : {Verdict::consistent, Verdict::inconsistent, Verdict::unclear, Verdict::unchecked})
    CHECK(parse_verdict_name(to_string(v)) == v);
  CHECK(to_string(Verdict::unchecked) == "unchecked");
  CHECK_FALSE(parse_verdict_name("Consistent"));
  CHECK_FALSE(parse_verdict_name("not checked"));
  CHECK(parse_model_verdict(" Inconsistent\n") == Verdict::inconsistent);
  CHECK_FALSE(parse_model_verdict("unchecked"));
  CHECK_FALSE(parse_verdict(R"({"verdict": "unchecked"})").verdict);
}

TEST_CASE("the verdict parser reads the plain JSON object") {
  auto p = parse_verdict(
      R"({"verdict": "inconsistent", "confidence": 0.8, "issues": [{"line": 12, "explanation": "Returns the difference."}]})");
  REQUIRE(p.verdict);
  CHECK(p.verdict->verdict == Verdict::inconsistent);
  CHECK(p.verdict->confidence == doctest::Approx(0.8));
  REQUIRE(p.verdict->issues.size() == 1);
  CHECK(p.verdict->issues[0].line == 12);
  CHECK(p.verdict->issues[0].explanation == "Returns the difference.");
}

TEST_CASE("the verdict parser tolerates code fences, prose, think blocks and trailing commas") {
  auto fenced = parse_verdict(
      "Here is my assessment:\n```json\n{\"verdict\": \"Consistent\", \"confidence\": 0.95, \"issues\": "
      "[],}\n```\nHope this helps!");
  REQUIRE(fenced.verdict);
  CHECK(fenced.verdict->verdict == Verdict::consistent);
  CHECK(fenced.verdict->confidence == doctest::Approx(0.95));

  auto thinking = parse_verdict(
      "<think>maybe {\"verdict\": \"consistent\"}? no.</think>\n{\"verdict\": \"inconsistent\", "
      "\"confidence\": 0.7, \"issues\": [{\"line\": \"3\", \"message\": \"Ignores {braces} in strings.\"}]}");
  REQUIRE(thinking.verdict);
  CHECK(thinking.verdict->verdict == Verdict::inconsistent);
  REQUIRE(thinking.verdict->issues.size() == 1);
  CHECK(thinking.verdict->issues[0].line == 3);
  CHECK(thinking.verdict->issues[0].explanation == "Ignores {braces} in strings.");

  auto nested =
      parse_verdict(R"(The object {not json} then {"note": "x"} then {"verdict": "unclear", "confidence": "60%"})");
  REQUIRE(nested.verdict);
  CHECK(nested.verdict->verdict == Verdict::unclear);
  CHECK(nested.verdict->confidence == doctest::Approx(0.6));
}

TEST_CASE("the verdict parser normalises confidence and drops unusable issues") {
  auto p = parse_verdict(
      R"({"verdict": "inconsistent", "confidence": 85, "issues": [{"line": 4}, {"explanation": "No line."}, "Bare text.", {"line": -2, "explanation": "Bad line."}]})");
  REQUIRE(p.verdict);
  CHECK(p.verdict->confidence == doctest::Approx(0.85));
  REQUIRE(p.verdict->issues.size() == 3);
  CHECK(p.verdict->issues[0].line == 0);
  CHECK(p.verdict->issues[1].explanation == "Bare text.");
  CHECK(p.verdict->issues[2].line == 0);

  auto missing = parse_verdict(R"({"verdict": "consistent"})");
  REQUIRE(missing.verdict);
  CHECK(missing.verdict->confidence == doctest::Approx(0.5));

  auto top_level =
      parse_verdict(R"({"verdict": "inconsistent", "confidence": 0.9, "explanation": "Sorts descending."})");
  REQUIRE(top_level.verdict);
  REQUIRE(top_level.verdict->issues.size() == 1);
  CHECK(top_level.verdict->issues[0].explanation == "Sorts descending.");

  auto consistent =
      parse_verdict(R"({"verdict": "consistent", "confidence": 1, "issues": [{"line": 1, "explanation": "x"}]})");
  CHECK(consistent.verdict->issues.empty());
}

TEST_CASE("malformed answers say what is wrong") {
  CHECK(parse_verdict("").problem == "the answer was empty");
  CHECK(parse_verdict("The code looks fine to me.").problem == "the answer held no JSON object");
  CHECK(parse_verdict("{\"verdict\": \"consistent\", ").problem == "the answer held no JSON object");
  CHECK(parse_verdict("{verdict: consistent}").problem == "the answer held no valid JSON object");
  CHECK(parse_verdict(R"({"answer": "consistent"})").problem == "the JSON object has no \"verdict\" member");
  CHECK(parse_verdict(R"({"verdict": "mostly fine"})").problem ==
        "\"verdict\" must be \"consistent\", \"inconsistent\" or \"unclear\"");
  CHECK(parse_verdict(R"({"verdict": "consistent", "confidence": "high"})").problem ==
        "\"confidence\" must be a number from 0.0 to 1.0");
  CHECK(parse_verdict(R"({"verdict": "inconsistent", "issues": "line 3 is wrong"})").problem ==
        "\"issues\" must be an array of {\"line\": ..., \"explanation\": ...} objects");
  CHECK_FALSE(parse_verdict(R"({"verdict": "inconsistent", "issues": "x"})").verdict);
}
