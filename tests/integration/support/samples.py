"""Python sources the integration suites put into their pull requests."""

# Bandit B602 (shell=True, CWE-78) on line 7 and Pylint E0602 (undefined name) on line 12.
VULNERABLE = '''"""Helpers that run shell commands."""
import subprocess


def run(command):
    """Run a shell command and return its exit status."""
    return subprocess.call(command, shell=True)


def broken():
    """Return a name that does not exist."""
    return undefined_name
'''

# Passes every default threshold.
CLEAN = '''"""Arithmetic helpers."""


def add(first, second):
    """Return the sum of two numbers."""
    return first + second
'''
