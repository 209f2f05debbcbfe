"""Stand-ins for Pylint and Bandit: small shell scripts in a directory put first on PATH."""

import os
import stat
import tempfile

REAL_PYLINT = 'exec /usr/bin/pylint "$@"'
REAL_BANDIT = 'exec /usr/bin/bandit "$@"'


def fake_tools(pylint_script=REAL_PYLINT, bandit_script=REAL_BANDIT):
    """The environment ({"PATH": ...}) under which `pylint` and `bandit` run the given sh scripts
    (None: no such program in that directory)."""
    bin_dir = tempfile.mkdtemp(prefix="codegate-fake-tools-")
    for name, body in (("pylint", pylint_script), ("bandit", bandit_script)):
        if body is None:
            continue
        path = os.path.join(bin_dir, name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("#!/bin/sh\n" + body + "\n")
        os.chmod(path, stat.S_IRWXU)
    return {"PATH": bin_dir + ":/usr/bin:/bin"}
