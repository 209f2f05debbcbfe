"""Throwaway git repositories for the integration suites, built with the git command line."""

import os
import subprocess
import tempfile


class GitRepo:
    """A git repository in a temporary directory, removed by cleanup()."""

    def __init__(self, branch="main"):
        self._tmp = tempfile.TemporaryDirectory(prefix="codegate-it-")
        self.path = self._tmp.name
        self.git("init", "-q", "-b", branch)
        self.git("config", "user.email", "dev@example.com")
        self.git("config", "user.name", "Dev")
        self.git("config", "commit.gpgsign", "false")

    def cleanup(self):
        self._tmp.cleanup()

    def git(self, *args):
        # Fixed identities and dates make commit ids, and so golden reports, reproducible.
        env = dict(os.environ, GIT_AUTHOR_DATE="2026-01-01T00:00:00Z", GIT_COMMITTER_DATE="2026-01-01T00:00:00Z",
                   GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
        result = subprocess.run(["git", "-C", self.path, *args], capture_output=True, check=True, env=env)
        return result.stdout.decode("utf-8", "replace").strip()

    def write(self, name, content):
        """Writes text (str) or bytes to a file of the working tree."""
        full = os.path.join(self.path, name)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        with open(full, "wb") as handle:
            handle.write(data)

    def read(self, name):
        with open(os.path.join(self.path, name), "rb") as handle:
            return handle.read().decode("utf-8")

    def commit(self, message="change"):
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")
