#include <doctest/doctest.h>

#include "platform/azure_commands.h"
#include "platform/bitbucket_insights.h"
#include "platform/comment_text.h"
#include "platform/log_commands.h"
#include "platform/plain_markdown.h"
#include "report/markdown_escape.h"

#include <rapidjson/document.h>

using namespace codegate;
using namespace codegate::platform;

TEST_CASE("plain Markdown: codegate's HTML becomes Markdown; escaped text and code stay as they are") {
  std::string body =
      "<!-- codegate:summary -->\n## title\n\n<details><summary>3 units</summary>\n\n- a<br>b\n"
      "</details>\n<sub>codegate · [run](https://x)</sub>\n";
  CHECK(plain_markdown(body) ==
        "[//]: # (codegate:summary)\n## title\n\n**3 units**\n\n- a · b\n\n"
        "codegate · [run](https://x)\n");
  CHECK(restore_markers(plain_markdown(body)).rfind("<!-- codegate:summary -->\n", 0) == 0);
  CHECK(is_summary(restore_markers(plain_markdown(body))));

  // Text from a tool is escaped: its tags stay text, however many backslashes precede them.
  std::string hostile = escape_markdown("<details><br> \\<sub>");
  CHECK(plain_markdown(hostile) == hostile);
  // Inside a code fence nothing changes.
  std::string fenced = "````diff\n-<br>\n+<!-- x -->\n````\n<br>\n";
  CHECK(plain_markdown(fenced) == "````diff\n-<br>\n+<!-- x -->\n````\n · \n");
  // A marker that would end the reference's title early is left as it is.
  CHECK(plain_markdown("<!-- a (b) -->") == "<!-- a (b) -->");

  Finding f;
  f.tool = "bandit";
  f.rule_id = "B602";
  f.message = "shell";
  f.fingerprint = "abc";
  std::string comment = finding_comment(f, FilterMode::added);
  CHECK(plain_markdown(comment).rfind("[//]: # (codegate:key finding:abc)\n", 0) == 0);
  CHECK(comment_key(restore_markers(plain_markdown(comment))) == "finding:abc");
}

TEST_CASE("GitHub's workflow commands are inert wherever a line starts, after any white space the runner trims") {
  CHECK(neutralize_log_commands("x\n::error::owned\n") == "x\n: :error::owned\n");
  CHECK(neutralize_log_commands("::add-mask::s") == ": :add-mask::s");
  CHECK(neutralize_log_commands("a\r  \t::stop-commands::t") == "a\r  \t: :stop-commands::t");
  CHECK(neutralize_log_commands("\xc2\xa0\xe3\x80\x80::set-output name=x::y") ==
        "\xc2\xa0\xe3\x80\x80: :set-output name=x::y");
  CHECK(neutralize_log_commands("path a::b.py and x ::c") == "path a::b.py and x ::c"); // not at a line's start
  CHECK(neutralize_log_commands("x ##[add-mask]secret") == "x ## [add-mask]secret");    // the older form, anywhere
  CHECK(neutralize_log_commands("a\n\n::") == "a\n\n: :");
  CHECK(neutralize_inline_commands("::error x ##[add-mask]y ##vso[z") == "::error x ## [add-mask]y ##vso [z");
}

TEST_CASE("Azure logging commands: escaped as the agent decodes them, and inert where codegate did not mean one") {
  CHECK(escape_logging_data("50%\r\nnext") == "50%AZP25%0D%0Anext");
  CHECK(escape_logging_property("a;b]c") == "a%3Bb%5Dc");
  CHECK(neutralize_log_commands("x ##vso[task.complete result=Succeeded]\n##[error]y ##[z]") ==
        "x ##vso [task.complete result=Succeeded]\n## [error]y ## [z]");
  CHECK(neutralize_log_commands("##VsO[task.setvariable]") == "##VsO [task.setvariable]");

  Finding f;
  f.tool = "bandit";
  f.rule_id = "B602";
  f.path = "a;b].py";
  f.line = 7;
  f.column = 5;
  f.cwe = 78;
  f.message = "shell ##vso[task.setvariable variable=x]1\nsecond";
  f.fails_gate = true;
  CHECK(logissue(f) ==
        "##vso[task.logissue type=error;sourcepath=a%3Bb%5D.py;linenumber=7;columnnumber=5;code=bandit/B602]"
        "CWE-78: shell ##vso [task.setvariable variable=x]1%0Asecond");

  CheckResult result;
  for (int i = 0; i < 12; ++i) {
    Finding failing = f;
    failing.line = i + 1;
    failing.filter.reported = true;
    result.findings.push_back(failing);
  }
  Finding note = f;
  note.fails_gate = false;
  note.level = Level::note;
  note.filter.reported = true;
  result.findings.push_back(note);
  auto lines = logissues(result, 10);
  REQUIRE(lines.size() == 11);
  CHECK(lines.back().rfind("codegate: 2 more findings without a logged issue", 0) == 0);
}

TEST_CASE("Code Insights: the report's fields, and annotations in batches of 100 up to 1000") {
  CheckResult result;
  result.failed = true;
  for (int i = 0; i < 1002; ++i) {
    Finding f;
    f.tool = "pylint";
    f.rule_id = "E0602";
    f.path = "a.py";
    f.line = i % 3 == 0 ? 0 : i;
    f.level = Level::error;
    f.message = std::string(600, 'm');
    f.fingerprint = "same"; // duplicates still get ids of their own
    f.filter.reported = true;
    f.fails_gate = i < 2;
    result.findings.push_back(f);
  }
  rapidjson::Document report;
  report.Parse(insights_report_json(result, "https://bitbucket.org/o/r/pipelines/results/1").c_str());
  CHECK(std::string(report["result"].GetString()) == "FAILED");
  CHECK(std::string(report["link"].GetString()) == "https://bitbucket.org/o/r/pipelines/results/1");
  CHECK(report["data"][0]["value"].GetInt() == 2);

  auto batches = insights_annotation_batches(result);
  REQUIRE(batches.size() == 10);
  rapidjson::Document first;
  first.Parse(batches[0].c_str());
  REQUIRE(first.Size() == 100);
  CHECK(std::string(first[0]["result"].GetString()) == "FAILED");
  CHECK(std::string(first[0]["external_id"].GetString()) == "pylint/E0602/same");
  CHECK(std::string(first[1]["external_id"].GetString()) == "pylint/E0602/same/1");
  CHECK(std::string(first[0]["summary"].GetString()).size() == 450);
  CHECK_FALSE(first[2].HasMember("result"));
  bool file_level_has_no_line = !first[0].HasMember("line") || first[0]["line"].GetInt() > 0;
  CHECK(file_level_has_no_line);
}
