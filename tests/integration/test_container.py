"""The container image as GitHub Actions runs it.

scripts/container-test bootstraps the Debian 13 base with debootstrap, builds the image from the
repository's Dockerfile with `buildah bud --isolation chroot` (which compiles the binary only),
and runs the image's entry point with the environment the Actions runner sets for a docker action,
on a sample pull request in a workspace owned by another uid. The script checks the exit code,
annotations, outputs, job summary and SARIF file, then runs the integration suite's core cases
inside the image (Pylint 3.3, Bandit 1.7.10; golden/debian13/) and installs the .deb of
scripts/package into a clean Debian 12; this suite also serves the GitHub API locally and checks
that the container posted the summary and the review.

Needs root on Debian 12 (as CI runs). The first run takes minutes (bootstrap, apt, compile);
later runs reuse the cached base and image layers. CODEGATE_SKIP_CONTAINER_TEST=1 skips it.
"""

import os
import shutil
import subprocess
import tempfile
import unittest

from support.fake_github import FakeGitHub

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(REPO_ROOT, "scripts", "container-test")
TOKEN = "container-test-token"


class ContainerImage(unittest.TestCase):
    def setUp(self):
        if os.environ.get("CODEGATE_SKIP_CONTAINER_TEST") == "1":
            self.skipTest("CODEGATE_SKIP_CONTAINER_TEST=1")
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            self.skipTest("needs root on Debian (buildah with chroot isolation, debootstrap); CI runs as root")

    def test_entry_point_runs_as_the_github_action(self):
        out = tempfile.mkdtemp(prefix="codegate-container-")
        try:
            with FakeGitHub(token=TOKEN) as github:
                env = dict(os.environ, CODEGATE_CONTAINER_OUT=out)
                result = subprocess.run([SCRIPT, "--api-url", github.api_url], env=env, capture_output=True,
                                        text=True, timeout=3600)
                self.assertEqual(result.returncode, 0, result.stdout[-3000:] + result.stderr[-6000:])
            self.assertEqual(github.problems, [])
            self.assertEqual(len(github.issue_comments), 1)
            self.assertTrue(github.issue_comments[0]["body"].startswith("<!-- codegate:summary -->"))
            self.assertEqual(len(github.reviews), 1)
            self.assertIn(("app/shell.py", 7), [(c["path"], c["line"]) for c in github.review_comments])
            with open(os.path.join(out, "stderr"), encoding="utf-8") as handle:
                stderr = handle.read()
            self.assertNotIn(TOKEN, stderr)
            self.assertIn("revisions from the pull_request event", stderr)
        finally:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
