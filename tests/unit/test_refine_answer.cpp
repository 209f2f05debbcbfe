#include <doctest/doctest.h>

#include "refine/answer.h"

using namespace codegate::refine;

TEST_CASE("fenced blocks: backticks and tildes, info strings, longer fences, unclosed blocks") {
  auto blocks =
      fenced_blocks("intro\n```python\nx = 1\n```\ntext\n~~~ text\nplain\n~~~\n````\nhas ``` inside\n````\n```py\ncut");
  REQUIRE(blocks.size() == 4);
  CHECK(blocks[0].info == "python");
  CHECK(blocks[0].code == "x = 1\n");
  CHECK(blocks[0].closed);
  CHECK(blocks[1].info == "text");
  CHECK(blocks[1].code == "plain\n");
  CHECK(blocks[2].code == "has ``` inside\n");
  CHECK(blocks[3].info == "py");
  CHECK_FALSE(blocks[3].closed);
}

TEST_CASE("fenced blocks: CRLF answers and indented fences") {
  auto blocks = fenced_blocks("Here:\r\n   ```python\r\na = 1\r\n   ```\r\n");
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].code == "a = 1\n");
}

TEST_CASE("the revision is the one python block; prose and other languages are ignored") {
  auto r = extract_revision(
      "I removed shell=True.\n```python\nimport subprocess\n```\nRun it with:\n```bash\npython x.py\n```\n",
      "lib/shell.py");
  REQUIRE(r.code);
  CHECK(*r.code == "import subprocess\n");

  auto unlabelled = extract_revision("```\nx = 1\n```", "a.py");
  REQUIRE(unlabelled.code);
  CHECK(*unlabelled.code == "x = 1\n");
}

TEST_CASE("an answer without a usable block says why") {
  CHECK(extract_revision("I cannot help with that.", "a.py").problem == "the answer has no ```python block");
  CHECK(extract_revision("```python\nx = 1\n", "a.py").problem ==
        "the answer's code block is not closed (the answer was cut off)");
  CHECK(extract_revision("```python\n\n```", "a.py").problem == "the answer's code block is empty");
}

TEST_CASE("an answer that would change another file is refused") {
  auto two = extract_revision("```python\nx = 1\n```\nand\n```python\ny = 2\n```", "lib/a.py");
  CHECK_FALSE(two.code);
  CHECK(two.other_file);
  CHECK(two.problem == "the answer has 2 Python code blocks; only the one revised file lib/a.py may change");

  auto info = extract_revision("```python lib/other.py\nx = 1\n```", "lib/a.py");
  CHECK(info.other_file);
  CHECK(info.problem == "the answer's code block is for lib/other.py, not lib/a.py; only lib/a.py may change");

  auto comment = extract_revision("```python\n# file: helpers/util.py\nx = 1\n```", "lib/a.py");
  CHECK(comment.other_file);

  auto bare_comment = extract_revision("```python\n# other.py\nx = 1\n```", "lib/a.py");
  CHECK(bare_comment.other_file);
}

TEST_CASE("a block that names its own file is fine") {
  CHECK(extract_revision("```python lib/a.py\nx = 1\n```", "lib/a.py").code);
  CHECK(extract_revision("```python\n# lib/a.py\nx = 1\n```", "lib/a.py").code);
  CHECK(extract_revision("```python\n# file: a.py\nx = 1\n```", "lib/a.py").code);
  CHECK(extract_revision("```python title=\"b/lib/a.py\"\nx = 1\n```", "lib/a.py").code);
  // An ordinary first comment is code, not a file name.
  CHECK(extract_revision("```python\n# Helpers for shell.py callers\nx = 1\n```", "lib/a.py").code);
  CHECK(extract_revision("```python\n#!/usr/bin/env python3\nx = 1\n```", "lib/a.py").code);
}
