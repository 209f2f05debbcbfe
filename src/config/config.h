#pragma once
// .codegate.yml as a typed value. Every key is optional; defaults are what a new user gets.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/check_result.h"
#include "core/finding.h"
#include "core/policies.h"
#include "http/http_client.h"

namespace codegate {

struct PylintConfig {
  bool enabled = true;
  // Pylint message types that fail the gate.
  std::vector<std::string> fail_on = {"error", "fatal"};
  std::string rcfile;            // repository-relative; empty: .pylintrc, pylintrc, pyproject.toml, setup.cfg
  std::vector<std::string> args; // extra arguments, placed before the file list
  // Off unless the user turns them back on: import-error depends on the CI machine rather than
  // the change (third-party packages the gate's image does not have); duplicate-code and
  // cyclic-import compare the analysed files with each other, so their findings depend on which
  // files a run holds (a batch, a shard, the cache's misses) and Pylint 2.16 reports neither
  // with --jobs above 1 (docs/cache-and-sharding.md).
  std::vector<std::string> disable = {"import-error", "duplicate-code", "cyclic-import"};
  // Pylint's conventions and refactoring advice (message types C and R), and its TODO reminders
  // (W0511 fixme). nullopt (auto): run when
  // the project has a Pylint configuration of its own; a project without one styles its code with
  // other tools and never agreed to Pylint's naming and design rules.
  std::optional<bool> conventions;
  double timeout_seconds = 600; // the whole run over every file; past it the gate exits 3
};

struct BanditConfig {
  bool enabled = true;
  std::string severity = "medium";   // fail when severity >= this ...
  std::string confidence = "medium"; // ... and confidence >= this
  std::string config;                // repository-relative Bandit YAML config; empty: none
  std::vector<std::string> args;
  double timeout_seconds = 600;
  // A changed file Bandit could not scan (other than a syntax error, which Pylint reports) is a
  // tool failure unless this accepts it as a note.
  bool accept_scan_errors = false;
};

// An opt-in analyzer, one without a section of its own, turned on by its entry under `analyzers:`
// (Pyflakes: `analyzers: {pyflakes: {}}`; Analyzer::opt_in). Which names exist is the registry's
// to say, so the pipeline checks them (pipeline/trusted_config) and names `where` when one is unknown.
struct OptInAnalyzerConfig {
  bool enabled = true; // listed: on, unless this says otherwise
  std::vector<std::string> args;
  // Rule ids that fail the gate, globs allowed ("F8*"); nullopt: the analyzer's own list.
  std::optional<std::vector<std::string>> fail_on;
  double timeout_seconds = 600;
  std::string where; // "file:line:col" of its name
};

struct LlmConfig {
  LlmProvider provider = LlmProvider::openai;
  std::string model;       // empty: provider default
  std::string base_url;    // empty: the provider's public endpoint
  std::string api_key_env; // empty: CODEGATE_LLM_API_KEY, then OPENAI_API_KEY / ANTHROPIC_API_KEY
  double timeout_seconds = 60;
  int retries = 3;
  int concurrency = 4;
  double temperature = 0;
  int max_output_tokens = 1024;
  int budget_calls = 200;            // per run
  long budget_input_tokens = 400000; // per run (estimated: 4 characters a token)
  bool strict = false;               // service failure is exit 3 instead of "unavailable"
};

struct IntentConfig {
  bool enabled = true;                                                // runs only when an LLM is configured
  DocstringPolicy require_docstrings = DocstringPolicy::public_units; // public | all | none
  IntentFailOn fail_on = IntentFailOn::never;                         // inconsistent | never
  int max_unit_chars = 12000;                                         // larger units are cut with a note
  IntentContext context = IntentContext::unit;                        // unit | unit+base
  std::string cache_dir; // empty: $XDG_CACHE_HOME/codegate or ~/.cache/codegate
  // Whether a changed unit without the docstring require_docstrings asks for is a finding
  // (codegate/missing-docstring) or only listed (the JSON report's missing_docstrings) and counted
  // in one line of the summary. nullopt (auto): require_docstrings is not set, and
  // pipeline/trusted_config settles it from what the project asks of its other tools (Ruff's or
  // pydocstyle's D rules, interrogate, Pylint's missing-function-docstring:
  // roles/docstring_requirement.h); unsettled, it counts as true. Not a key of its own: setting
  // require_docstrings (anything but auto) makes them findings.
  std::optional<bool> docstring_findings;
};

struct RefineConfig {
  FixMode fix = FixMode::none;                                       // none | patch | apply | commit | push | suggest
  int max_rounds = 3;                                                // 1..10
  std::vector<std::string> tools = {"pylint", "bandit", "codegate"}; // whose failing findings are targets
  std::string knowledge = ".codegate/knowledge.jsonl";
  int knowledge_max_entries = 500;
  double max_growth = 2.0; // a candidate may be at most this many times the original size
  std::string author_name = "codegate";
  std::string author_email = "codegate@users.noreply.github.com";
  std::string patch_file = "codegate.patch";
};

// The local analyzers' results per file, kept between runs (cache/result_cache.h), beside the
// intent check's verdicts (intent/cache.h).
struct CacheConfig {
  bool enabled = true; // cache.enabled; --no-cache turns off the result cache (never the verdicts)
  // Not a configuration key: where both caches live in this run, as pipeline/cache_directory
  // resolved it from intent.cache_dir and the environment; empty: no cache at all.
  std::string directory;
};

// Limits on what any service (LLM, GitHub, GitLab) may send back.
struct HttpConfig {
  std::size_t max_response_bytes = http::k_default_max_response_bytes; // per response body, decoded
};

// Globs that give changed files a role whatever the project's other settings say (roles/).
struct RolesConfig {
  std::map<FileRole, std::vector<std::string>> globs;
};

// What test code is held to (docs/roles.md). Rules are "tool/rule" globs: "bandit/B101",
// "pylint/E1101", "bandit/*".
struct TestCodeConfig {
  // Not reported at all in test code, counted in a note: pytest's idioms (the assert statement;
  // fixtures that redefine an outer name, go unused in the body and reach into private members),
  // a request without a timeout (the test run's own limit bounds it), and Pylint's conventions and
  // refactoring advice, which are about code that ships.
  std::vector<std::string> skip = {"bandit/B101",  "pylint/W0621", "pylint/W0613", "pylint/W0212",
                                   "pylint/W3101", "pylint/C*",    "pylint/R*"};
  // Reported, never failing: Bandit in code that does not ship, and Pylint's inference errors and
  // its unpacking checks (a list a fake fills in is empty where it is defined), which a test run
  // itself fails on when they are real.
  std::vector<std::string> advisory = {"bandit/*",     "pylint/E1101", "pylint/E0602", "pylint/E0611", "pylint/E0401",
                                       "pylint/E1102", "pylint/E1120", "pylint/E1121", "pylint/E1123", "pylint/E1124",
                                       "pylint/E1125", "pylint/E1126", "pylint/E1128", "pylint/E1111", "pylint/E1130",
                                       "pylint/E1131", "pylint/E1133", "pylint/E1134", "pylint/E1135", "pylint/E1136",
                                       "pylint/E1137", "pylint/E1138", "pylint/E0203", "pylint/E0601", "pylint/E0606",
                                       "pylint/E1205", "pylint/E1206", "pylint/E0633", "pylint/W0632"};
  DocstringPolicy require_docstrings = DocstringPolicy::none;
  // Not reported in test code, counted in a note: the findings their tool ranks lowest (Bandit's
  // low severity: B603, B607, B404...; Analyzer::low_severity). Test code does not ship; its
  // medium and high Bandit findings stay reported, advisory.
  bool skip_low_severity = true;
};

struct Config {
  std::vector<std::string> include = {"**/*.py"};
  // Inline review comments: the failing findings, and those at this level or above that can fail
  // (comment_level: failing | error | warning | note; nullopt is "failing"). The rest are in the
  // summary comment only.
  std::optional<Level> comment_level = Level::warning;
  std::vector<std::string> exclude;
  int jobs = 0; // 0: number of cores
  FilterMode filter_mode = FilterMode::added;
  std::optional<Level> fail_level;            // set: any reported finding at or above fails (overrides thresholds)
  bool fail_level_none = false;               // "none": findings never fail the gate
  BaselineMode baseline = BaselineMode::base; // findings the base already had never fail
  SuppressionPolicy suppressions = SuppressionPolicy::report; // what `# nosec` / `# pylint: disable` do
  PylintConfig pylint;
  BanditConfig bandit;
  std::map<std::string, OptInAnalyzerConfig> analyzers; // by analyzer name
  LlmConfig llm;
  IntentConfig intent;
  RefineConfig refine;
  HttpConfig http;
  CacheConfig cache;
  RolesConfig roles;
  TestCodeConfig test_code;
  std::string source; // where it was read from, for messages
};

// Parses YAML text; `name` is used in errors ("name:3:5: ..."). Throws UsageError.
Config parse_config(const std::string& text, const std::string& name);
// Where a position of YAML text converted from another file is in that file ("pyproject.toml:4:8");
// line and column 0-based, as yaml-cpp counts them.
using LocateInSource = std::function<std::string(int line, int column)>;
// parse_config for YAML converted from another file (config/pyproject.h): errors name its places.
Config parse_config(const std::string& text, const std::string& name, const LocateInSource& locate);

FilterMode parse_filter_mode(const std::string& text); // throws UsageError naming the choices
// "none" sets fail_level_none; otherwise sets fail_level. Throws UsageError.
void apply_fail_level(Config& config, const std::string& text);

} // namespace codegate
