#include "analyzers/pyflakes/pyflakes_analyzer.h"

#include "analyzers/noqa_comment.h"
#include "analyzers/pyflakes/pyflakes.h"
#include "analyzers/ruff_comment.h"
#include "analyzers/source_lines.h"
#include "util/glob.h"
#include "util/strings.h"

namespace codegate {
namespace {

class PyflakesAnalyzer final : public Analyzer {
public:
  std::string_view name() const override { return k_pyflakes_tool; }
  bool opt_in() const override { return true; }
  bool enabled(const Config& config) const override {
    const OptInAnalyzerConfig* settings = opt_in_config(config, name());
    return settings != nullptr && settings->enabled;
  }
  bool in_baseline() const override { return true; }

  // Pyflakes has no configuration file and no way to check only some messages.
  AnalyzerOutput run(const AnalyzerJob& job) const override {
    const OptInAnalyzerConfig& settings = *opt_in_config(job.config, name());
    AnalyzerInput input{job.root, job.files, "", settings.args, job.jobs, job.tool_version, job.processes};
    return run_pyflakes(input, settings);
  }

  // `# noqa: F401` or a bare `# noqa` on a finding's line, as flake8 and Ruff read them, else a
  // Ruff comment naming the rule (`# ruff: ignore[unused-import]`, analyzers/ruff_comment.h).
  void complete(std::vector<Finding>& findings, const AnalyzedTree& tree,
                std::vector<std::string>& /*notes*/) const override {
    auto owned = [](const Finding& f) { return f.tool == k_pyflakes_tool; };
    attach_line_suppressions(findings, tree.sources, owned, [](std::string_view line, const Finding& f) {
      return covering_noqa_code(line, f.rule_id, true);
    });
    attach_ruff_suppressions(findings, tree.sources, owned, [this](const Finding& f) { return ruff_rule(f); });
  }

  const RuffRule* ruff_rule(const Finding& finding) const override { return ruff_rule_named(finding.rule_id); }

  // One file at a time: a file's findings depend on its bytes alone.
  std::optional<CachePolicy> cache_policy(const AnalyzerJob& job) const override {
    const OptInAnalyzerConfig& settings = *opt_in_config(job.config, name());
    return CachePolicy{std::string(k_pyflakes_program),
                       {util::join(settings.args, std::string(1, '\0'))},
                       false,
                       settings.timeout_seconds};
  }

  // analyzers.pyflakes.fail_on (globs of F codes); by default the problems that fail at run time.
  bool meets_threshold(const Finding& finding, const Config& config) const override {
    const OptInAnalyzerConfig* settings = opt_in_config(config, name());
    if (settings == nullptr || !settings->fail_on) return finding.level == Level::error;
    return util::glob_match_any(*settings->fail_on, finding.rule_id);
  }

  void describe_rule(SarifRule& rule, const RuleFacts& facts) const override {
    const Finding& f = *facts.first;
    rule.short_description = sentence_from_symbol(f.rule_name);
    rule.full_description = rule_label("Pyflakes " + f.tool_severity, f, false) + ".";
    rule.help_text = rule.full_description;
    rule.help_markdown = rule_label("Pyflakes " + f.tool_severity, f, true) + ".";
    if (!rule.help_uri.empty()) {
      rule.help_text += " Ruff documents the same check: " + rule.help_uri;
      rule.help_markdown += " Ruff documents [the same check](" + rule.help_uri + ").";
    }
    rule.tags.push_back(f.level == Level::error ? "correctness" : "maintainability");
  }

  std::string_view information_uri() const override { return "https://github.com/PyCQA/pyflakes"; }
};

} // namespace

const Analyzer& pyflakes_analyzer() {
  static const PyflakesAnalyzer analyzer;
  return analyzer;
}

} // namespace codegate
