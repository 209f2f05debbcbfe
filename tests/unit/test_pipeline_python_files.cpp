#include <doctest/doctest.h>

#include "pipeline/python_files.h"

using codegate::has_python_shebang;
using codegate::has_python_suffix;

TEST_CASE("a Python shebang makes a script a Python file") {
  for (const char* script : {"#!/usr/bin/env python3\nprint(1)\n", "#!/usr/bin/python3.11\n", "#!/usr/bin/env python",
                             "#!/usr/bin/env -S python3 -u\n", "#! /usr/local/bin/pythonw\n", "#!/usr/bin/env pypy3\n",
                             "#!/usr/bin/env -i PYTHONPATH=src python3\n", "#!/usr/bin/env -u HOME python3\n",
                             "#!/usr/bin/python2.7\r\nprint 1\r\n", "#!python\n"}) {
    CAPTURE(script);
    CHECK(has_python_shebang(script));
  }
}

TEST_CASE("other interpreters and first lines are not Python") {
  for (const char* script : {"#!/bin/sh\nexec python3 \"$@\"\n", "#!/usr/bin/env bash\n", "# python3\n", "", "#!",
                             "#!/usr/bin/env\n", "#!/usr/bin/python-config\n", "#!/usr/bin/pythonista\n",
                             "print(1)\n#!/usr/bin/env python3\n", "#!/usr/bin/env -S\n"}) {
    CAPTURE(script);
    CHECK_FALSE(has_python_shebang(script));
  }
}

TEST_CASE("modules are named *.py and *.pyi") {
  CHECK(has_python_suffix("lib/a.py"));
  CHECK(has_python_suffix("stubs/a.pyi"));
  CHECK_FALSE(has_python_suffix("tools/run"));
  CHECK_FALSE(has_python_suffix("a.pyc"));
  CHECK_FALSE(has_python_suffix("py"));
}
