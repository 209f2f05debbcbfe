#include <doctest/doctest.h>

#include "platform/comment_text.h"

using namespace codegate;
using namespace codegate::platform;

namespace {

FileFix fix(const std::string& original, const std::string& revised) {
  return FileFix{"app/shell.py", original, revised, 2, {"fp1", "fp2"}};
}

std::vector<std::string> lines(std::initializer_list<const char*> items) { return {items.begin(), items.end()}; }

} // namespace

TEST_CASE("suggestion comments in GitHub's and GitLab's syntax") {
  Suggestion s;
  s.path = "app/shell.py";
  s.start_line = 6;
  s.end_line = 8;
  s.replacement = lines({"    return subprocess.call(shlex.split(command))"});
  s.round = 1;
  s.fixed_fingerprints = {"fp"};
  std::string github = suggestion_comment(s, SuggestionSyntax::github);
  CHECK(github.rfind("<!-- codegate:key " + suggestion_key(s) + " -->\n", 0) == 0);
  CHECK(github.find("\n```suggestion\n    return subprocess.call(shlex.split(command))\n```\n") != std::string::npos);
  std::string gitlab = suggestion_comment(s, SuggestionSyntax::gitlab);
  CHECK(gitlab.find("\n```suggestion:-0+2\n") != std::string::npos);
  CHECK(comment_key(github) == suggestion_key(s));
}

TEST_CASE("comment keys are found in bodies and gone from resolved ones") {
  Finding f;
  f.tool = "pylint";
  f.rule_id = "E0602";
  f.rule_name = "undefined-variable";
  f.fingerprint = "abc123";
  f.message = "Undefined variable 'x' <img src=x> [link](http://evil) @someone";
  f.fails_gate = true;
  f.help_uri = "https://pylint.readthedocs.io/e0602.html";
  std::string body = finding_comment(f, FilterMode::added);
  CHECK(comment_key(body) == "finding:abc123");
  CHECK(body.find("\\<img src=x\\>") != std::string::npos);
  CHECK(body.find("\\[link\\](http://evil)") != std::string::npos);
  CHECK(body.find("\\@someone") != std::string::npos);
  CHECK(body.find("[Rule documentation](https://pylint.readthedocs.io/e0602.html)") != std::string::npos);
  std::string resolved = resolved_comment(body, "0123456789abcdef");
  CHECK(resolved.rfind("**Resolved:** codegate no longer reports this at 0123456.\n\n", 0) == 0);
  CHECK_FALSE(comment_key(resolved));
  CHECK(is_summary("  <!-- codegate:summary -->\n## x"));
  CHECK_FALSE(is_summary("quote: <!-- codegate:summary -->"));
}

TEST_CASE("the summary body lists proposals that fit nowhere as diffs and stays under the size limit") {
  CheckResult result;
  result.head_sha = "0123456789abcdef0123456789abcdef01234567";
  result.fix_mode = FixMode::suggest;
  result.fixes = {fix("a\nb\n", "a\nB\n")};
  std::string body = summary_body(result, {"app/shell.py"}, "https://ci.example/run/1", 65000);
  CHECK(body.rfind("<!-- codegate:summary -->\n", 0) == 0);
  CHECK(body.find("### :bulb: Proposed fixes") != std::string::npos);
  CHECK(body.find("<details><summary>app/shell.py (round 2)</summary>") != std::string::npos);
  CHECK(body.find("```diff\n") != std::string::npos);
  CHECK(body.find("commit 0123456 · [workflow run](https://ci.example/run/1)") != std::string::npos);
  std::string small = summary_body(result, {"app/shell.py"}, "", 300);
  CHECK(small.size() <= 300);
  CHECK(small.find("</sub>") != std::string::npos);
}
