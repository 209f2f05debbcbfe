#pragma once
// The hand-built CheckResult the report tests render, and golden-file comparison for them.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/check_result.h"

namespace codegate::test {

// A check of one change with: a failing Pylint error and a failing Bandit finding with a CWE on
// added lines, an advisory codegate finding, a Bandit note in a file whose name has a space and a
// non-ASCII letter, a finding outside the diff, one already at the base, a skipped intent check
// and a run-level note.
// The filter's facts about a finding selected (or not) by `reported` alone.
inline FilterState filter_state(bool in_changed_file, bool in_diff_context, bool on_added_line, bool reported) {
  FilterState state;
  state.in_changed_file = in_changed_file;
  state.in_diff_context = in_diff_context;
  state.on_added_line = on_added_line;
  state.reported = reported;
  state.selected = reported;
  return state;
}

inline CheckResult sample_result() {
  CheckResult r;
  r.base_sha = "1111111111111111111111111111111111111111";
  r.head_sha = "2222222222222222222222222222222222222222";
  r.filter_mode = FilterMode::added;
  r.checked_files = {"src/app.py",
                     "src/my m\xC3\xB3"
                     "dulo.py"};
  r.tools = {{"pylint", "2.16.2", ToolStatus::ok, ""},
             {"bandit", "1.6.2", ToolStatus::ok, ""},
             {"codegate-intent", "", ToolStatus::skipped, "intent check skipped: no LLM configured"}};
  r.notes = {"bandit could not scan src/broken.py: syntax error while parsing AST from file"};
  r.missing_docstrings = {"src/app.py:3 run"};
  r.failed = true;
  r.fix_mode = FixMode::suggest;
  r.fixes = {{"src/app.py",
              "import subprocess\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n",
              "import subprocess\n\ndef run(cmd):\n    subprocess.call(cmd.split())\n",
              1,
              {"0f1e2d3c4b5a6978"}}};

  Finding pylint;
  pylint.tool = "pylint";
  pylint.rule_id = "E0602";
  pylint.rule_name = "undefined-variable";
  pylint.level = Level::error;
  pylint.tool_severity = "error";
  pylint.path = "src/app.py";
  pylint.line = 5;
  pylint.column = 12;
  pylint.end_line = 5;
  pylint.end_column = 26;
  pylint.message = "Undefined variable 'undefined_name'";
  pylint.snippet = "    return undefined_name\n";
  pylint.help_uri = "https://pylint.readthedocs.io/en/latest/user_guide/messages/error/undefined-variable.html";
  pylint.fingerprint = "a1b2c3d4e5f60718";
  pylint.filter = filter_state(true, true, true, true);
  pylint.fails_gate = true;

  Finding bandit;
  bandit.tool = "bandit";
  bandit.rule_id = "B602";
  bandit.rule_name = "subprocess_popen_with_shell_equals_true";
  bandit.cwe = 78;
  bandit.level = Level::error;
  bandit.tool_severity = "HIGH";
  bandit.confidence = "HIGH";
  bandit.path = "src/app.py";
  bandit.line = 4;
  bandit.column = 1;
  bandit.message = "subprocess call with shell=True identified, security issue.";
  bandit.snippet = "    subprocess.call(cmd, shell=True)\n";
  bandit.help_uri = "https://bandit.readthedocs.io/en/1.6.2/plugins/b602_subprocess_popen_with_shell_equals_true.html";
  bandit.fingerprint = "0f1e2d3c4b5a6978";
  bandit.filter = filter_state(true, true, true, true);
  bandit.fails_gate = true;

  Finding docstring;
  docstring.tool = "codegate";
  docstring.rule_id = "missing-docstring";
  docstring.rule_name = "missing-docstring";
  docstring.level = Level::note;
  docstring.path = "src/app.py";
  docstring.line = 3;
  docstring.column = 1;
  docstring.message = "Public function 'run' has no docstring.";
  docstring.snippet = "def run(cmd):\n";
  docstring.fingerprint = "5566778899aabbcc";
  docstring.filter = filter_state(true, true, true, true);

  Finding unicode_path;
  unicode_path.tool = "bandit";
  unicode_path.rule_id = "B311";
  unicode_path.rule_name = "blacklist";
  unicode_path.cwe = 330;
  unicode_path.level = Level::note;
  unicode_path.tool_severity = "LOW";
  unicode_path.confidence = "HIGH";
  unicode_path.path =
      "src/my m\xC3\xB3"
      "dulo.py";
  unicode_path.line = 2;
  unicode_path.column = 1;
  unicode_path.end_line = 3;
  unicode_path.message = "Standard pseudo-random generators are not suitable for security/cryptographic purposes.";
  unicode_path.snippet = "token = random.random()\nprint(token)\n";
  unicode_path.help_uri = "https://bandit.readthedocs.io/en/1.6.2/blacklists/blacklist_calls.html#b311-random";
  unicode_path.fingerprint = "fedcba9876543210";
  unicode_path.filter = filter_state(true, true, true, true);

  Finding outside;
  outside.tool = "pylint";
  outside.rule_id = "C0114";
  outside.rule_name = "missing-module-docstring";
  outside.level = Level::note;
  outside.tool_severity = "convention";
  outside.path = "src/app.py";
  outside.line = 1;
  outside.column = 1;
  outside.message = "Missing module docstring";
  outside.snippet = "import subprocess\n";
  outside.help_uri =
      "https://pylint.readthedocs.io/en/latest/user_guide/messages/convention/missing-module-docstring.html";
  outside.fingerprint = "0011223344556677";
  outside.filter = filter_state(true, false, false, false);

  Finding context_only;
  context_only.tool = "bandit";
  context_only.rule_id = "B404";
  context_only.rule_name = "blacklist";
  context_only.cwe = 78;
  context_only.level = Level::note;
  context_only.tool_severity = "LOW";
  context_only.confidence = "HIGH";
  context_only.path = "src/app.py";
  context_only.line = 1;
  context_only.column = 1;
  context_only.message = "Consider possible security implications associated with subprocess module.";
  context_only.snippet = "import subprocess\n";
  context_only.help_uri =
      "https://bandit.readthedocs.io/en/1.6.2/blacklists/blacklist_imports.html#b404-import-subprocess";
  context_only.fingerprint = "8899aabbccddeeff";
  context_only.filter = filter_state(true, true, false, false); // a context line: not reported in `added` mode

  // Deliberately not in report order: every report sorts by itself.
  r.findings = {unicode_path, pylint, outside, bandit, context_only, docstring};
  return r;
}

// From the build (tests/CMakeLists.txt), not __FILE__: ccache's base_dir makes that relative.
inline std::filesystem::path golden_path(const std::string& name) {
  return std::filesystem::path(CODEGATE_UNIT_GOLDEN_DIR) / name;
}

// Compares with tests/unit/golden/NAME; CODEGATE_UPDATE_GOLDEN=1 rewrites the file instead, for a
// deliberate format change that is then reviewed as a diff.
inline void check_golden(const std::string& name, const std::string& actual) {
  auto path = golden_path(name);
  const char* update = std::getenv("CODEGATE_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    MESSAGE("rewrote " << path.string());
    return;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing golden file " << path.string() << " (CODEGATE_UPDATE_GOLDEN=1 writes it)");
  std::stringstream expected;
  expected << in.rdbuf();
  CHECK(actual == expected.str());
}

} // namespace codegate::test
