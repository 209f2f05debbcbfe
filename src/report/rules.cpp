#include "report/rules.h"

#include <algorithm>
#include <map>
#include <utility>

#include "registry/registry.h"

namespace codegate {
namespace {

// codegate's own checks that no analyzer owns (codegate/not-analysed, from pipeline/size_limit
// and pipeline/line_agreement).
void describe_codegate(SarifRule& rule, const RuleFacts& facts) {
  const Finding& f = *facts.first;
  if (f.rule_id == "not-analysed") {
    rule.short_description = "Changed file not analysed";
    rule.full_description =
        "Pylint and Bandit were not given a changed Python file: it is larger than the size codegate hands them, "
        "or Python and git would count its lines or name differently (a lone carriage return, a NUL byte, a "
        "source encoding that changes the lines, a name that is not UTF-8), so no finding could be matched to "
        "the change. A file nobody checked cannot pass the gate: this result always fails it.";
    rule.help_text =
        "The result's message says which and what to do: split a large file into smaller modules, save the file "
        "as UTF-8 text with \\n line endings, or rename it. If it is generated (vendored code, data), list it "
        "under exclude in .codegate.yml so the gate does not consider it.";
    rule.help_markdown =
        "Split the file into smaller modules. If it is generated (vendored code, data), list it under `exclude:` in "
        "`.codegate.yml` so the gate does not consider it.";
    rule.tags = {"security", "correctness"};
    rule.precision = "very-high";
  } else {
    rule.short_description = f.rule_name.empty() ? "codegate " + f.rule_id : sentence_from_symbol(f.rule_name);
    rule.full_description = rule_label("codegate check", f, false) + ".";
    rule.help_text = rule.full_description;
    rule.help_markdown = rule_label("codegate check", f, true) + ".";
  }
}

} // namespace

std::string sarif_rule_id(const Finding& finding) {
  return is_own_finding(finding) ? qualified_rule(finding) : finding.rule_id;
}

std::vector<SarifRule> describe_rules(const std::vector<const Finding*>& findings) {
  std::map<std::string, RuleFacts> by_id; // sorted by id, which fixes every ruleIndex
  for (const Finding* f : findings) {
    RuleFacts& facts = by_id[sarif_rule_id(*f)];
    if (facts.first == nullptr) {
      facts.first = f;
      facts.level = f->level;
    }
    facts.findings.push_back(f);
    facts.level = std::max(facts.level, f->level);
    if (!facts.cwe) facts.cwe = f->cwe;
    if (facts.help_uri.empty()) facts.help_uri = f->help_uri;
  }
  std::vector<SarifRule> rules;
  for (const auto& [id, facts] : by_id) {
    SarifRule rule;
    rule.id = id;
    const Finding& f = *facts.first;
    rule.name = f.rule_name.empty() ? f.rule_id : f.rule_name;
    rule.level = facts.level;
    rule.help_uri = facts.help_uri;
    if (const Analyzer* analyzer = analyzer_for(f)) {
      analyzer->describe_rule(rule, facts);
    } else if (is_own_finding(f)) {
      describe_codegate(rule, facts);
    } else {
      describe_generic_rule(rule, facts);
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

std::string_view tool_information_uri(std::string_view tool) {
  const Analyzer* analyzer = analyzer_named(tool);
  return analyzer != nullptr ? analyzer->information_uri() : std::string_view();
}

} // namespace codegate
