#include "intent/intent_analyzer.h"

#include "analyzers/source_lines.h"
#include "intent/ignore_comment.h"
#include "intent/intent_check.h"

namespace codegate {
namespace {

constexpr std::string_view k_mismatch = "intent-mismatch";
constexpr std::string_view k_missing_docstring = "missing-docstring";

class IntentAnalyzer final : public Analyzer {
public:
  std::string_view name() const override { return k_intent_tool; }
  std::string_view finding_tool() const override { return k_own_tool; }
  // codegate's other checks (codegate/not-analysed) report as "codegate" too.
  bool owns(const Finding& finding) const override {
    return finding.tool == finding_tool() && (finding.rule_id == k_mismatch || finding.rule_id == k_missing_docstring);
  }

  // Always started: without an LLM, or turned off, it says so in its ToolRun (skipped) itself.
  bool enabled(const Config& /*config*/) const override { return true; }
  bool in_baseline() const override { return false; }

  AnalyzerOutput run(const AnalyzerJob& job) const override {
    const ServiceAccess services = job.services != nullptr ? *job.services : ServiceAccess{};
    IntentInput input{job.changes, job.sources, job.config, services.log_dir, services.base_sources};
    IntentOutput intent = run_intent_check(input, IntentServices{services.llm_client, services.llm_budget});
    AnalyzerOutput out;
    out.findings = std::move(intent.findings);
    out.run = std::move(intent.run);
    out.notes = std::move(intent.notes);
    out.missing_docstrings = std::move(intent.missing_docstrings);
    return out;
  }

  // `# codegate: ignore[rule]` on a finding's line.
  void complete(std::vector<Finding>& findings, const AnalyzedTree& tree,
                std::vector<std::string>& /*notes*/) const override {
    attach_line_suppressions(
        findings, tree.sources, [this](const Finding& f) { return owns(f) && !f.suppression; },
        [](std::string_view line, const Finding& f) { return covering_codegate_ignore(line, f.rule_id); });
  }

  // Missing docstrings are advisory: they never fail by themselves.
  bool meets_threshold(const Finding& finding, const Config& config) const override {
    return finding.rule_id == k_mismatch && config.intent.fail_on == IntentFailOn::inconsistent;
  }

  bool reports_missing_docstring(const Finding& finding) const override {
    return finding.rule_id == k_missing_docstring;
  }

  void describe_rule(SarifRule& rule, const RuleFacts& facts) const override {
    if (facts.first->rule_id == k_mismatch) {
      rule.short_description = "Code does not do what its docstring says";
      rule.full_description =
          "A language model compared a changed function, class or module with its docstring and judged that the "
          "code does not do what the docstring says. The result's message carries the model's explanation.";
      rule.help_text =
          "Read the explanation, then fix the code or correct the docstring so that both say the same. The verdict "
          "comes from a language model and can be wrong.";
      rule.help_markdown = rule.help_text;
      rule.tags = {"correctness", "intent"};
      rule.precision = "medium";
    } else {
      rule.short_description = "Changed code has no docstring";
      rule.full_description =
          "A changed public function, class or module has no docstring, so the intent check cannot compare its "
          "code with a stated intention.";
      rule.help_text =
          "Add a docstring that says what the code is for. The structured fields Input Prompt, Intention and "
          "Functionality are recognised; any docstring works. Set intent.require_docstrings to none in "
          ".codegate.yml to turn this check off.";
      rule.help_markdown =
          "Add a docstring that says what the code is for. The structured fields *Input Prompt*, *Intention* and "
          "*Functionality* are recognised; any docstring works. Set `intent.require_docstrings: none` in "
          "`.codegate.yml` to turn this check off.";
      rule.tags = {"maintainability", "documentation"};
      rule.precision = "very-high";
    }
  }
};

} // namespace

const Analyzer& intent_analyzer() {
  static const IntentAnalyzer analyzer;
  return analyzer;
}

} // namespace codegate
