#include "analyzers/pylint_analyzer.h"

#include <algorithm>
#include <set>

#include "analyzers/pylint.h"
#include "util/strings.h"

namespace codegate {
namespace {

class PylintAnalyzer final : public Analyzer {
public:
  std::string_view name() const override { return k_pylint_tool; }
  bool enabled(const Config& config) const override { return config.pylint.enabled; }
  bool in_baseline() const override { return true; }

  // An explicit rcfile always, an empty one when the project has none (see run_pylint).
  std::optional<AnalyzerConfigFile> config_file(const std::optional<AnalyzerConfigFile>& trusted) const override {
    return trusted ? *trusted : AnalyzerConfigFile{"pylintrc", ""};
  }

  AnalyzerOutput run(const AnalyzerJob& job) const override {
    AnalyzerInput input{job.root, job.files, job.config_file, job.config.pylint.args, job.jobs, job.tool_version};
    // Checking only some messages costs a fraction of a full run (the baseline asks for that).
    if (!job.only_rules.empty()) {
      input.extra_args.push_back("--disable=all");
      input.extra_args.push_back("--enable=" + util::join(job.only_rules, ","));
    }
    return run_pylint(input, job.config.pylint);
  }

  bool meets_threshold(const Finding& finding, const Config& config) const override {
    const auto& types = config.pylint.fail_on;
    return std::find(types.begin(), types.end(), finding.tool_severity) != types.end();
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
