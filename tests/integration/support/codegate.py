"""Runs the real codegate binary the way CI would, with a controlled environment."""

import atexit
import os
import shutil
import subprocess
import tempfile

# Every run gets a result cache of its own (XDG_CACHE_HOME) unless the test names one (or HOME):
# a cache shared between tests would turn one test's tool run into another's cache hit.
_CACHE_ROOT = tempfile.mkdtemp(prefix="codegate-test-cache-")
atexit.register(shutil.rmtree, _CACHE_ROOT, True)

# Variables that change how codegate behaves; tests set them explicitly.
_CONTROLLED = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "GITHUB_EVENT_PATH", "GITHUB_TOKEN", "GITLAB_TOKEN",
               "CODEGATE_LLM_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "NO_COLOR",
               "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "CI_MERGE_REQUEST_IID",
               "GITHUB_EVENT_NAME", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GITHUB_GRAPHQL_URL", "GITHUB_SERVER_URL",
               "GITHUB_RUN_ID", "GITHUB_WORKSPACE", "GITHUB_SHA", "GITHUB_REF", "INPUT_GITHUB_TOKEN",
               "CI_PROJECT_ID", "CI_API_V4_URL", "CI_SERVER_URL", "CI_JOB_TOKEN", "CI_JOB_URL", "CI_COMMIT_SHA",
               "CI_COMMIT_BEFORE_SHA", "CI_MERGE_REQUEST_DIFF_BASE_SHA", "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA",
               "BITBUCKET_BUILD_NUMBER", "BITBUCKET_COMMIT", "BITBUCKET_PR_ID", "BITBUCKET_PR_DESTINATION_COMMIT",
               "BITBUCKET_WORKSPACE", "BITBUCKET_REPO_SLUG", "BITBUCKET_TOKEN", "BITBUCKET_API_URL",
               "BITBUCKET_GIT_HTTP_ORIGIN", "CODEGATE_BITBUCKET_PROXY", "BITBUCKET_PROXIED_API_URL",
               "TF_BUILD", "SYSTEM_COLLECTIONURI", "SYSTEM_TEAMPROJECT", "SYSTEM_ACCESSTOKEN",
               "SYSTEM_PULLREQUEST_PULLREQUESTID", "SYSTEM_PULLREQUEST_SOURCECOMMITID",
               "SYSTEM_PULLREQUEST_TARGETBRANCH", "BUILD_REPOSITORY_ID", "BUILD_REPOSITORY_PROVIDER",
               "BUILD_BUILDID", "BUILD_SOURCEVERSION", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")


def binary():
    path = os.environ.get("CODEGATE_BIN")
    if not path:
        raise RuntimeError("CODEGATE_BIN is not set; run the suites through ctest (scripts/test)")
    return path


def environment(env=None):
    """This process's environment without the variables tests control, plus `env`."""
    child_env = {k: v for k, v in os.environ.items() if k not in _CONTROLLED}
    env = env or {}
    if "XDG_CACHE_HOME" not in env and "HOME" not in env:
        child_env["XDG_CACHE_HOME"] = tempfile.mkdtemp(dir=_CACHE_ROOT)
    child_env.update(env)
    return child_env


def run(*args, cwd=None, env=None, stdin=None):
    """Runs `codegate ARGS` and returns the CompletedProcess (text output)."""
    # errors="replace": a file name that is not UTF-8 reaches stderr as its own bytes.
    return subprocess.run([binary(), *args], cwd=cwd, env=environment(env), capture_output=True, text=True,
                          errors="replace", input=stdin, timeout=600)


def run_measured(*args, env=None):
    """Runs `codegate ARGS` like run() and returns (CompletedProcess, peak resident bytes) of that
    one process (and the children it waited for): os.wait4 reports its own usage, unlike
    RUSAGE_CHILDREN, which keeps the largest of every child this test process ever had."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen([binary(), *args], env=environment(env), stdin=subprocess.DEVNULL, stdout=out,
                                 stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(child.args, child.returncode, out.read().decode(errors="replace"),
                                             err.read().decode(errors="replace"))
    return result, usage.ru_maxrss * 1024  # Linux counts KiB
