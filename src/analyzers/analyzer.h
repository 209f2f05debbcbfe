#pragma once
// What every analyzer gets and gives, and the Analyzer interface that Pylint, Bandit and the
// intent check implement (registry/registry.h lists them). Analyzers run over a private copy of
// the analysed revision (pipeline/workspace.h), so the bytes they see are exactly the bytes the
// gate reports on.

#include <functional>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/module_definitions.h"
#include "analyzers/narrowing.h"
#include "analyzers/ruff_rules.h"
#include "analyzers/rule_text.h"
#include "config/config.h"
#include "core/change_set.h"
#include "core/check_result.h"
#include "core/finding.h"
#include "git/snapshot.h"
#include "roles/project_settings.h"
#include "util/process_runner.h"

namespace codegate {

namespace llm {
class LlmClient;
class Budget;
} // namespace llm

struct AnalyzerInput {
  std::string root;               // directory holding the files; the tool's working directory
  std::vector<std::string> files; // repository-relative paths under root
  std::string config_file;        // absolute path of the trusted tool configuration; empty: none
  std::vector<std::string> extra_args;
  int jobs = 1;
  // The tool's version when the caller asks it already (the result cache); not valid: the run asks.
  std::shared_future<std::string> version = {};
  util::ProcessRunner& processes; // starts the tool
};

struct AnalyzerOutput {
  std::vector<Finding> findings; // paths repository-relative; snippets filled in later
  ToolRun run;
  std::vector<std::string> notes; // problems worth a line in every report (a file Bandit cannot parse)
  // "path:line qualified.name": the units the intent check found without a docstring.
  std::vector<std::string> missing_docstrings;
};

// A configuration file of the analyzer's own, found in the trusted source (Analyzer::find_config_file).
struct AnalyzerConfigFile {
  std::string name; // the file name it is written under ("pylintrc", "pyproject.toml")
  std::string content;
  std::string origin; // where it was read: "commit 1a2b3c4:.pylintrc", for messages
};

// What only an analyzer that asks a service reads (one that is not in_baseline: the intent check):
// the run's LLM client and budget, where exchanges are logged, and the changed files at the base.
// The local tools' jobs carry none of it.
struct ServiceAccess {
  // The run's one client (llm::Connection::source), asked for when needed: null with `why_not` set
  // when there is none; empty: this run has no LLM.
  std::function<llm::LlmClient*(std::string& why_not)> llm_client;
  llm::Budget* llm_budget = nullptr; // the run's one LLM budget; null: a fresh one from the configuration
  std::string log_dir;               // --log-dir; empty: no exchange logs
  const std::map<std::string, std::string>* base_sources = nullptr; // changed files at the base; null: none
};

// One run of one analyzer: a workspace and a set of files in it. Everything is the caller's and
// outlives the run; several analyzers' runs read the same workspace at once. Built with
// designated initializers (`AnalyzerJob{.root = ..., .files = ...}`).
struct AnalyzerJob {
  const std::string& root;                           // the workspace: the tools' working directory
  const std::vector<std::string>& files;             // repository-relative Python files under root
  const std::map<std::string, std::string>& sources; // the checked files' bytes, as analysed
  const ChangeSet& changes;                          // which lines changed (the intent check asks about those)
  const Config& config;
  util::ProcessRunner& processes;           // starts the tools: the system's, or a scripted one in unit tests
  std::string config_file = {};             // absolute path of what Analyzer::config_file asked for; empty: none
  std::vector<std::string> only_rules = {}; // non-empty: check only these rule ids (if the analyzer can narrow)
  int jobs = 1;                             // processes it may use
  const ServiceAccess* services = nullptr;  // set for an analyzer that asks a service, null for the others
  std::shared_future<std::string> tool_version = {}; // asked by the result cache already; not valid: the run asks
};

// What an analyzer may read to finish its findings (Analyzer::complete): the analysed bytes, the
// repository's Python files, the standard library's top-level module names (null: not known on
// this machine), and where the guards of analysed files narrow a name (by path; a file that does
// not parse has none), the lines where a urlopen's URL has a fixed http(s) scheme, and what any
// Python file of the tree defines at its top level (python/source_index.h); the last four asked
// only when needed.
struct AnalyzedTree {
  const std::map<std::string, std::string>& sources;
  const std::vector<std::string>& python_files;
  std::function<const std::set<std::string>*()> standard_library;
  std::function<std::map<std::string, std::vector<Narrowing>>(const std::set<std::string>& paths)> narrowings = {};
  std::function<std::map<std::string, std::vector<int>>(const std::set<std::string>& paths)> fixed_scheme_urls = {};
  std::function<std::map<std::string, ModuleDefinitions>(const std::set<std::string>& paths)> definitions = {};
};

// How an analyzer's results are kept in the result cache, per file (pipeline/cached_analysis.h).
// A file's key holds the program, the configuration file, `configuration`, the rules asked for,
// the file's bytes and, with `imports_matter`, the bytes of every repository module it imports.
struct CachePolicy {
  std::string program; // the program it runs ("pyflakes3"): its bytes and `--version` go into the key
  // What else of the configuration changes the findings (arguments, disabled messages), in order.
  std::vector<std::string> configuration;
  bool imports_matter = false;  // a file's findings depend on the modules it imports (Pylint's inference)
  double timeout_seconds = 600; // the limit for asking the program's `--version`
};

// Where an analyzer's security findings come from in GitLab's SAST report (scan.scanner).
struct SastScanner {
  std::string_view id;
  std::string_view name;
  std::string_view url;
  std::string_view vendor;
};

// One analyzer: how it runs, and what the gate and the reports need to know about its findings.
// Implementations are stateless (a run's state lives in AnalyzerJob), so one instance serves every
// run; registry/registry.h holds them. Adding an analyzer: ARCHITECTURE.md, "Adding an analyzer".
class Analyzer {
public:
  virtual ~Analyzer() = default;

  // ToolRun::name ("pylint", "codegate-intent"): the SARIF run, messages, the JSON report's tools.
  virtual std::string_view name() const = 0;
  // Finding::tool of its findings; codegate's own checks share "codegate".
  virtual std::string_view finding_tool() const { return name(); }
  // True for the findings it produced. Several analyzers may share a finding_tool (codegate's),
  // so the rule id can decide too.
  virtual bool owns(const Finding& finding) const { return finding.tool == finding_tool(); }

  // False: the configuration turned it off, and the run is a skipped ToolRun without starting it.
  virtual bool enabled(const Config& config) const = 0;
  // True for an analyzer the configuration turns on by its entry under `analyzers:`
  // (OptInAnalyzerConfig, opt_in_config): while off it is not run and not in the reports at all.
  virtual bool opt_in() const { return false; }
  // True for a local, deterministic tool whose findings at the base revision can tell old from
  // new (filter/baseline.h); false for one that asks a service (the intent check).
  virtual bool in_baseline() const = 0;
  // Its configuration file in the trusted `source`: the one the configuration names, else the
  // project's own where the tool would look; nullopt: none. Throws UsageError when the
  // configuration names a file `source` does not have.
  virtual std::optional<AnalyzerConfigFile> find_config_file(const git::Snapshot& /*source*/,
                                                             const Config& /*config*/) const {
    return std::nullopt;
  }
  // Settles what the configuration leaves to the project (Pylint's conventions run only where
  // the project has a Pylint configuration): `found` is what find_config_file returned.
  virtual void settle_config(Config& /*config*/, const std::optional<AnalyzerConfigFile>& /*found*/) const {}
  // The configuration file the job gets, from the trusted one (absent: the project has none).
  // Default: the trusted file as it is, or none.
  virtual std::optional<AnalyzerConfigFile> config_file(const std::optional<AnalyzerConfigFile>& trusted) const {
    return trusted;
  }
  // The paths the project keeps away from this tool in `file`, its configuration file (Bandit's
  // exclude_dirs): roles/ makes the changed files under them `excluded`. No globs: none.
  virtual roles::GlobSetting excluded_paths(const AnalyzerConfigFile& /*file*/) const { return {}; }
  // The bytes the tools read in place of a checked file's `content`, or nullopt to leave them: what
  // a source file could say to switch off codegate's view of its tool (Pylint's pragmas that hide
  // what they suppress), taken out. Lines and their lengths stay, so findings keep their places;
  // the reports, snippets and suppressions read the original bytes.
  virtual std::optional<std::string> tool_input(std::string_view /*content*/) const { return std::nullopt; }
  // Runs over the job's files. Throws ToolError when the analyzer fails (never a silent pass).
  virtual AnalyzerOutput run(const AnalyzerJob& job) const = 0;
  // Finishes its findings (which may include codegate/not-analysed ones it does not own) from the
  // analysed bytes, after a run or the cache: the comment that suppresses one, the facts that make
  // one advisory, the facts that make one moot (left out, counted in a note added to `notes`). The
  // tool reports none of them, so a cached result holds none.
  virtual void complete(std::vector<Finding>& /*findings*/, const AnalyzedTree& /*tree*/,
                        std::vector<std::string>& /*notes*/) const {}
  // The Ruff rule that mirrors one of its findings (Bandit's B310: S310; Pyflakes' F401), which
  // Ruff's comments and the project's Ruff ignores name; nullptr: none (analyzers/ruff_rules.h).
  virtual const RuffRule* ruff_rule(const Finding& /*finding*/) const { return nullptr; }
  // How this job's results may be cached per file; nullopt: they may not (a service's answers, or
  // findings that compare files with each other). The pipeline checks that the cache is on.
  virtual std::optional<CachePolicy> cache_policy(const AnalyzerJob& /*job*/) const { return std::nullopt; }

  // True when this finding of its own meets the configured threshold (the gate, ignoring the filter).
  virtual bool meets_threshold(const Finding& finding, const Config& config) const = 0;
  // True for a finding that says a unit has no docstring: where two analyzers say so about the
  // same unit, the pipeline keeps codegate's.
  virtual bool reports_missing_docstring(const Finding& /*finding*/) const { return false; }
  // True for a finding its tool ranks lowest (Bandit's LOW severity): in test code, which does not
  // ship, it is counted in the test-code note, not listed (test_code.skip_low_severity).
  virtual bool low_severity(const Finding& /*finding*/) const { return false; }
  // Where the tool, as this run starts it, asks for a docstring on public functions (Pylint's
  // missing-function-docstring): a phrase naming the setting; nullopt: it does not. `config` is
  // settled (settle_config), `file` what find_config_file returned. The project asking makes a
  // missing docstring a finding (roles/docstring_requirement.h has the other tools).
  virtual std::optional<std::string> asks_for_docstrings(const Config& /*config*/,
                                                         const std::optional<AnalyzerConfigFile>& /*file*/) const {
    return std::nullopt;
  }

  // Fills the SARIF rule for one of its rules (id, name, level and help_uri are already set).
  virtual void describe_rule(SarifRule& rule, const RuleFacts& facts) const { describe_generic_rule(rule, facts); }
  // tool.driver.informationUri; empty: none.
  virtual std::string_view information_uri() const { return {}; }
  // True when all its findings are about security (GitLab's SAST report, the Security category).
  virtual bool security() const { return false; }
  // The scanner GitLab's SAST report names for it; nullopt: it is not a SAST scanner.
  virtual std::optional<SastScanner> sast_scanner() const { return std::nullopt; }
  // The name of a finding's identifier in the SAST report ("Bandit Test ID B602").
  virtual std::string sast_identifier_name(const Finding& finding) const {
    return finding.tool + " rule " + finding.rule_id;
  }
};

// An opt-in analyzer's settings: its entry under `analyzers:`; null when the configuration has none.
const OptInAnalyzerConfig* opt_in_config(const Config& config, std::string_view name);

// The file a configuration key names ("pylint.rcfile"), read from the trusted `source`. Throws
// UsageError, naming the key, when `source` has no such file.
AnalyzerConfigFile read_named_config_file(const git::Snapshot& source, const std::string& path, const std::string& key);

// Turns a path the tool printed back into the repository-relative form ("./-x.py" -> "-x.py").
std::string normalise_tool_path(std::string path);

// The argument a tool receives for a file: "./" first, so no name can be read as an option.
std::string file_argument(const std::string& path);

} // namespace codegate
