#include "analyzers/pylint/pylint_analyzer.h"

#include <algorithm>
#include <set>

#include "analyzers/noqa_comment.h"
#include "analyzers/pylint/alternative_callees.h"
#include "analyzers/pylint/docstring_check.h"
#include "analyzers/pylint/guarded_inference.h"
#include "analyzers/pylint/outside_repository.h"
#include "analyzers/pylint/pyflakes_mirrors.h"
#include "analyzers/pylint/pylint.h"
#include "analyzers/pylint/pylint_pragmas.h"
#include "analyzers/pylint/pylint_suppressed.h"
#include "analyzers/ruff_comment.h"
#include "analyzers/source_lines.h"
#include "util/log.h"
#include "util/strings.h"

namespace codegate {
namespace {

// The messages that compare the files of a run with each other.
constexpr std::string_view k_cross_file_rules[] = {"R0801", "duplicate-code", "R0401", "cyclic-import"};

bool is_cross_file_rule(std::string_view rule) {
  return std::find(std::begin(k_cross_file_rules), std::end(k_cross_file_rules), rule) != std::end(k_cross_file_rules);
}

// Pylint's own message for a file it was told to skip; codegate reports it for each pragma that
// takes a whole file out of Pylint, and it fails the gate where the change adds one.
constexpr const char* k_file_ignored_id = "I0013";

Finding file_ignored(const std::string& path, const BlindingPragma& pragma, const std::string& comment) {
  Finding f;
  f.tool = std::string(k_pylint_tool);
  f.rule_id = k_file_ignored_id;
  f.rule_name = "file-ignored";
  f.tool_severity = "info";
  f.level = Level::error;
  f.path = path;
  f.line = pragma.line;
  f.end_line = pragma.line;
  f.message = "'" + comment +
              "' takes the file out of Pylint. codegate ran Pylint on it all the same and counts what the "
              "pragma hides as suppressed; added by a change it fails the gate, since a change cannot make the "
              "gate skip a file. Name the messages to disable instead, or have the base revision declare the "
              "file generated or excluded (.gitattributes linguist-generated, roles: in .codegate.yml)";
  f.help_uri = pylint_help_uri(f.tool_severity, f.rule_name);
  return f;
}

// What Pylint would have hidden under the blinding pragmas of one file: each Pylint finding in
// a pragma's lines that no other pragma suppresses gets the pragma as its suppression (so it is
// counted, and reported as the change's when the change added it), and a pragma that takes the
// whole file out of Pylint is a finding of its own.
void attribute_blinding_pragmas(std::vector<Finding>& findings, const std::string& path, std::string_view source,
                                SourceLines& lines) {
  std::vector<Finding> added;
  for (const auto& pragma : find_blinding_pragmas(source)) {
    std::string_view text = lines.line(path, pragma.line).value_or("");
    std::string comment = pylint_pragma(text);
    // "# reason -- pylint: disable=all" is Pylint's too: the comment from its '#'.
    if (comment.empty() && text.find('#') != std::string_view::npos)
      comment = std::string(util::trim(text.substr(text.find('#'))));
    if (pragma.whole_file) added.push_back(file_ignored(path, pragma, comment));
    if (!pragma.everything) continue;
    LineRange covered = covered_lines(pragma, source);
    // As Pylint names a disable-next's suppression: by the line it covers.
    int line = pragma.action == "disable-next" ? pragma.line + 1 : pragma.line;
    for (auto& f : findings) {
      if (f.tool != k_pylint_tool || f.path != path || f.suppression || f.rule_id == k_file_ignored_id) continue;
      if (f.line >= covered.first && f.line <= covered.last) f.suppression = Suppression{line, comment};
    }
  }
  findings.insert(findings.end(), added.begin(), added.end());
}

// Pylint's own search order for its configuration at a project root, with the section that makes
// the file a Pylint configuration.
struct RcCandidate {
  const char* path;
  const char* section; // nullptr: the whole file is Pylint's
};
constexpr RcCandidate k_rc_candidates[] = {
    {"pylintrc", nullptr},     {".pylintrc", nullptr}, {"pyproject.toml", "[tool.pylint"},
    {"setup.cfg", "[pylint."}, {"tox.ini", "[pylint"},
};

class PylintAnalyzer final : public Analyzer {
public:
  std::string_view name() const override { return k_pylint_tool; }
  bool enabled(const Config& config) const override { return config.pylint.enabled; }
  bool in_baseline() const override { return true; }

  std::optional<AnalyzerConfigFile> find_config_file(const git::Snapshot& source, const Config& config) const override {
    if (!config.pylint.rcfile.empty()) return read_named_config_file(source, config.pylint.rcfile, "pylint.rcfile");
    for (const auto& candidate : k_rc_candidates) {
      auto content = source.read(candidate.path);
      if (content && (candidate.section == nullptr || content->find(candidate.section) != std::string::npos))
        return AnalyzerConfigFile{candidate.path, *content, source.describe() + ":" + candidate.path};
    }
    return std::nullopt;
  }

  // Conventions, refactoring advice and TODO reminders (C, R, W0511 fixme: a reminder the author
  // wrote, not a defect; typer's and aiohttp's `# TODO:` lines were inline warnings): on with a
  // Pylint configuration of the project's own, or when pylint.fail_on asks for them, unless
  // pylint.conventions says otherwise.
  void settle_config(Config& config, const std::optional<AnalyzerConfigFile>& found) const override {
    const auto& fail_on = config.pylint.fail_on;
    bool asked_for = std::any_of(fail_on.begin(), fail_on.end(),
                                 [](const std::string& type) { return type == "convention" || type == "refactor"; });
    if (config.pylint.conventions.value_or(found.has_value() || asked_for)) return;
    config.pylint.disable.insert(config.pylint.disable.end(), {"C", "R", "fixme"});
    util::debug(
        "pylint: conventions, refactoring advice and TODO reminders (C, R, fixme) not run: the project has no "
        "Pylint configuration of its own (pylint.conventions: true runs them)");
  }

  // An explicit rcfile always, an empty one when the project has none (see run_pylint).
  std::optional<AnalyzerConfigFile> config_file(const std::optional<AnalyzerConfigFile>& trusted) const override {
    return trusted ? *trusted : AnalyzerConfigFile{"pylintrc", "", "none: an empty one"};
  }

  // Pylint reads each file with the pragmas that would blind the gate blanked out (pylint_pragmas.h).
  std::optional<std::string> tool_input(std::string_view content) const override {
    return neutralize_blinding_pragmas(content);
  }

  AnalyzerOutput run(const AnalyzerJob& job) const override {
    AnalyzerInput input{job.root, job.files,        job.config_file, job.config.pylint.args,
                        job.jobs, job.tool_version, job.processes};
    // Checking only some messages costs a fraction of a full run (the baseline asks for that).
    std::vector<std::string> enabled = job.only_rules;
    auto asked = [&](std::string_view id, std::string_view name) {
      return std::find(enabled.begin(), enabled.end(), id) != enabled.end() ||
             std::find(enabled.begin(), enabled.end(), name) != enabled.end();
    };
    // E0001 is also how the imports checker says that a module an import names does not parse
    // ("Cannot import 'x' due to syntax error"), and Pylint runs a checker only while one of its
    // own messages is on: import-error goes on with it, and its findings nobody asked for go.
    const bool import_checker_for_syntax =
        !enabled.empty() && asked("E0001", "syntax-error") && !asked("E0401", "import-error");
    if (import_checker_for_syntax) enabled.emplace_back("E0401");
    if (!enabled.empty()) {
      input.extra_args.push_back("--disable=all");
      input.extra_args.push_back("--enable=" + util::join(enabled, ","));
    }
    AnalyzerOutput output = run_pylint(input, job.config.pylint);
    if (import_checker_for_syntax)
      std::erase_if(output.findings, [](const Finding& f) { return f.rule_id == "E0401"; });
    return output;
  }

  // The pragma text of its suppressed messages (the parser knows their line); for a message that
  // mirrors a Pyflakes rule (analyzers/pylint/pyflakes_mirrors.h) and no pragma, the `# noqa: F401`
  // on its line or the Ruff comment naming the rule (a bare `# noqa` names no rule, and Pylint
  // never reads one: it hides nothing of Pylint's); and the findings that become advisory: about
  // modules outside the repository, inference errors under a guard, and argument errors on a
  // callee with alternative definitions.
  void complete(std::vector<Finding>& findings, const AnalyzedTree& tree,
                std::vector<std::string>& /*notes*/) const override {
    SourceLines lines(tree.sources);
    bool about_modules = false;
    for (auto& f : findings) {
      if (f.tool != k_pylint_tool) continue;
      about_modules = about_modules || !uninspectable_module(f).empty();
      if (!f.suppression) continue;
      // A disable-next pragma stands on the line before the one Pylint names (which stays the
      // suppression's line: a change that writes the line under an old disable-next adds it).
      std::string comment = pylint_pragma(lines.line(f.path, f.suppression->line).value_or(""));
      if (comment.empty() && f.suppression->line > 1) {
        std::string above = pylint_pragma(lines.line(f.path, f.suppression->line - 1).value_or(""));
        if (above.find("disable-next") != std::string::npos) comment = std::move(above);
      }
      f.suppression->comment = std::move(comment);
    }
    for (const auto& [path, source] : tree.sources)
      if (source.find("pylint:") != std::string::npos) attribute_blinding_pragmas(findings, path, source, lines);
    auto mirrored = [this](const Finding& f) {
      return f.tool == k_pylint_tool && !f.suppression && ruff_rule(f) != nullptr;
    };
    attach_line_suppressions(findings, tree.sources, mirrored, [this](std::string_view line, const Finding& f) {
      return covering_noqa_code(line, ruff_rule(f)->code, false);
    });
    attach_ruff_suppressions(findings, tree.sources, mirrored, [this](const Finding& f) { return ruff_rule(f); });
    if (about_modules) {
      if (const std::set<std::string>* standard_library = tree.standard_library())
        mark_outside_repository(findings, RepositoryModules(tree.python_files), *standard_library);
    }
    mark_guarded_inference(findings, tree.sources, tree.narrowings);
    mark_alternative_callees(findings, tree);
  }

  const RuffRule* ruff_rule(const Finding& finding) const override { return ruff_rule_for_pylint(finding.rule_id); }

  // Cached per file unless a cross-file check (duplicate-code, cyclic-import) may run: its findings
  // depend on which files a run holds. A file's findings depend on what it imports.
  std::optional<CachePolicy> cache_policy(const AnalyzerJob& job) const override {
    const PylintConfig& pylint = job.config.pylint;
    if (!job.only_rules.empty()) {
      if (std::any_of(job.only_rules.begin(), job.only_rules.end(), is_cross_file_rule)) return std::nullopt;
    } else {
      auto off = [&](std::string_view id, std::string_view symbol) {
        return std::find(pylint.disable.begin(), pylint.disable.end(), id) != pylint.disable.end() ||
               std::find(pylint.disable.begin(), pylint.disable.end(), symbol) != pylint.disable.end();
      };
      // An argument naming them may turn them back on: not cached either.
      bool named_in_args = std::any_of(pylint.args.begin(), pylint.args.end(), [](const std::string& arg) {
        return std::any_of(std::begin(k_cross_file_rules), std::end(k_cross_file_rules),
                           [&arg](std::string_view rule) { return arg.find(rule) != std::string::npos; });
      });
      if (named_in_args || !off("R0801", "duplicate-code") || !off("R0401", "cyclic-import")) {
        util::debug(
            "pylint: results not cached: duplicate-code or cyclic-import is enabled (docs/cache-and-sharding.md)");
        return std::nullopt;
      }
    }
    // The blanked pragmas change what Pylint reads: entries from before that were read otherwise.
    return CachePolicy{
        "pylint",
        {util::join(pylint.args, std::string(1, '\0')), util::join(pylint.disable, ","), "blinding pragmas blanked"},
        true,
        pylint.timeout_seconds};
  }

  bool meets_threshold(const Finding& finding, const Config& config) const override {
    if (finding.rule_id == k_file_ignored_id) return true; // a file taken out of Pylint
    const auto& types = config.pylint.fail_on;
    return std::find(types.begin(), types.end(), finding.tool_severity) != types.end();
  }

  // Pylint runs missing-function-docstring wherever its conventions run (a Pylint configuration
  // of the project's own, or pylint.conventions: true) unless something turns it off.
  std::optional<std::string> asks_for_docstrings(const Config& config,
                                                 const std::optional<AnalyzerConfigFile>& file) const override {
    if (!checks_function_docstrings(config.pylint, file)) return std::nullopt;
    return "Pylint's missing-function-docstring (" +
           (file ? file->origin : std::string("the configuration runs Pylint's conventions")) + ")";
  }

  bool reports_missing_docstring(const Finding& finding) const override {
    static const std::set<std::string> docstring_rules = {"C0114", "C0115", "C0116"};
    return docstring_rules.count(finding.rule_id) != 0;
  }

  void describe_rule(SarifRule& rule, const RuleFacts& facts) const override {
    const Finding& f = *facts.first;
    std::string type = f.tool_severity.empty() ? "message" : f.tool_severity;
    rule.short_description = f.rule_name.empty() ? "Pylint " + f.rule_id : sentence_from_symbol(f.rule_name);
    rule.full_description = rule_label("Pylint " + type, f, false) + ".";
    rule.help_text = rule.full_description;
    rule.help_markdown = rule_label("Pylint " + type, f, true) + ".";
    if (!rule.help_uri.empty()) {
      rule.help_text += " Documentation: " + rule.help_uri;
      rule.help_markdown += " See [the Pylint documentation](" + rule.help_uri + ").";
    }
    // CodeQL's tags for the same kinds of problem, so the two tools' alerts filter alike.
    rule.tags.push_back(type == "error" || type == "fatal" ? "correctness" : "maintainability");
    // Pylint reports no confidence per message in its JSON output, so no precision is claimed.
  }

  std::string_view information_uri() const override { return "https://pylint.readthedocs.io/"; }
};

} // namespace

const Analyzer& pylint_analyzer() {
  static const PylintAnalyzer analyzer;
  return analyzer;
}

} // namespace codegate
