// The code the baseline compares (filter/python_code.h): comments dropped, strings kept whole.
#include <doctest/doctest.h>

#include "filter/python_code.h"

using namespace codegate;

TEST_CASE("a comment is not code") {
  CHECK(python_code("cookie_jar = cast(\"CookieJar\", prep._cookies)  # type: ignore[reportPrivateUsage]\n") ==
        "cookie_jar = cast(\"CookieJar\", prep._cookies)");
  CHECK(python_code("    _copy_cookie_jar,  # type: ignore[reportPrivateUsage]\n    cookiejar_from_dict,\n") ==
        "_copy_cookie_jar, cookiejar_from_dict,");
  CHECK(python_code("# a whole-line comment\nx = 1\n") == "x = 1");
  CHECK(python_code("x = 1 # don't\n") == "x = 1");
}

TEST_CASE("a # inside a string literal is code") {
  CHECK(python_code("url = 'http://h/#frag'  # note\n") == "url = 'http://h/#frag'");
  CHECK(python_code("s = \"a#b\" + t  # c\n") == "s = \"a#b\" + t");
  CHECK(python_code("s = 'it\\'s # x'  # c\n") == "s = 'it\\'s # x'");
  CHECK(python_code("s = r\"\\\"#\"  # c\n") == "s = r\"\\\"#\"");
  CHECK(python_code("q = \"\"\"one # two\nthree ' # four\"\"\"  # c\n") == "q = \"\"\"one # two three ' # four\"\"\"");
  CHECK(python_code("f'{x}#{y}'  # c\n") == "f'{x}#{y}'");
}

TEST_CASE("a one-quote literal not closed on its line ends there") {
  // A snippet cut at a window: what follows on the next line is code again.
  CHECK(python_code("s = 'abc\nx = 1  # c\n") == "s = 'abc x = 1");
}

TEST_CASE("a lone carriage return ends a comment, as it ends a line for Python") {
  // Otherwise `x = 1  # c\rsubprocess.call(...)` would key as `x = 1`: code hidden as a comment.
  CHECK(python_code("x = 1  # c\rsubprocess.call(cmd, shell=True)\n") == "x = 1 subprocess.call(cmd, shell=True)");
  CHECK(python_code("x = 1  # c\r\ny = 2\r\n") == "x = 1 y = 2");
  CHECK(python_code("s = 'abc\ry = 2  # c\n") == "s = 'abc y = 2");
}

TEST_CASE("different code stays different") {
  CHECK(python_code("subprocess.call(cmd, shell=True)") != python_code("subprocess.call(cmd, shell=False)"));
  CHECK(python_code("x = '#' + y") != python_code("x = '#'"));
}
