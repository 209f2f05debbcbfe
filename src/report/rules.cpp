#include "report/rules.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "analyzers/bandit.h"
#include "util/strings.h"

namespace codegate {
namespace {

// Names of the CWE ids the Bandit table (analyzers/cwe_table.cpp) can produce, from MITRE's list,
// so that an alert says what the weakness is without a trip to cwe.mitre.org.
constexpr std::pair<int, std::string_view> k_cwe_names[] = {
    {20, "Improper Input Validation"},
    {22, "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')"},
    {78, "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')"},
    {79, "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')"},
    {80, "Improper Neutralization of Script-Related HTML Tags in a Web Page (Basic XSS)"},
    {89, "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')"},
    {94, "Improper Control of Generation of Code ('Code Injection')"},
    {155, "Improper Neutralization of Wildcards or Matching Symbols"},
    {259, "Use of Hard-coded Password"},
    {284, "Improper Access Control"},
    {295, "Improper Certificate Validation"},
    {319, "Cleartext Transmission of Sensitive Information"},
    {326, "Inadequate Encryption Strength"},
    {327, "Use of a Broken or Risky Cryptographic Algorithm"},
    {330, "Use of Insufficiently Random Values"},
    {377, "Insecure Temporary File"},
    {400, "Uncontrolled Resource Consumption"},
    {502, "Deserialization of Untrusted Data"},
    {605, "Multiple Binds to the Same Port"},
    {703, "Improper Check or Handling of Exceptional Conditions"},
    {732, "Incorrect Permission Assignment for Critical Resource"},
    {838, "Inappropriate Encoding for Output Context"},
};

// Bandit reports every blacklist check with the test name "blacklist"; its documentation names
// each one (bandit/blacklists/calls.py and imports.py), and those names tell the rules apart.
constexpr std::pair<std::string_view, std::string_view> k_bandit_blacklist_names[] = {
    {"B301", "pickle"},
    {"B302", "marshal"},
    {"B303", "md5"},
    {"B304", "ciphers"},
    {"B305", "cipher_modes"},
    {"B306", "mktemp_q"},
    {"B307", "eval"},
    {"B308", "mark_safe"},
    {"B309", "httpsconnection"},
    {"B310", "urllib_urlopen"},
    {"B311", "random"},
    {"B312", "telnetlib"},
    {"B313", "xml_bad_cElementTree"},
    {"B314", "xml_bad_ElementTree"},
    {"B315", "xml_bad_expatreader"},
    {"B316", "xml_bad_expatbuilder"},
    {"B317", "xml_bad_sax"},
    {"B318", "xml_bad_minidom"},
    {"B319", "xml_bad_pulldom"},
    {"B320", "xml_bad_etree"},
    {"B321", "ftplib"},
    {"B322", "input"},
    {"B323", "unverified_context"},
    {"B325", "tempnam"},
    {"B401", "import_telnetlib"},
    {"B402", "import_ftplib"},
    {"B403", "import_pickle"},
    {"B404", "import_subprocess"},
    {"B405", "import_xml_etree"},
    {"B406", "import_xml_sax"},
    {"B407", "import_xml_expat"},
    {"B408", "import_xml_minidom"},
    {"B409", "import_xml_pulldom"},
    {"B410", "import_lxml"},
    {"B411", "import_xmlrpclib"},
    {"B412", "import_httpoxy"},
    {"B413", "import_pycrypto"},
    {"B415", "import_pyghmi"},
};

std::string_view bandit_blacklist_name(std::string_view test_id) {
  for (const auto& [id, name] : k_bandit_blacklist_names)
    if (id == test_id) return name;
  return {};
}

// GitHub sorts security alerts by this score (critical >= 9.0, high >= 7.0, medium >= 4.0);
// the values put Bandit's three severities in GitHub's high, medium and low bands.
std::string bandit_security_severity(int rank) {
  switch (rank) {
    case 3: return "8.0";
    case 2: return "5.5";
    case 1: return "3.0";
    default: return "";
  }
}

std::string bandit_precision(int rank) {
  switch (rank) {
    case 3: return "high";
    case 2: return "medium";
    case 1: return "low";
    default: return "";
  }
}

// "undefined-variable" / "subprocess_popen_with_shell_equals_true" -> "Undefined variable" /
// "Subprocess popen with shell equals true": a title for rules whose tool ships no description.
std::string sentence_from_symbol(std::string_view symbol) {
  std::string out(symbol);
  for (auto& c : out)
    if (c == '-' || c == '_') c = ' ';
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// "Pylint error E0602 (undefined-variable)" in plain text, or with the ids as code in Markdown.
std::string rule_label(const std::string& prefix, const Finding& f, bool markdown) {
  std::string quote = markdown ? "`" : "";
  std::string label = prefix + " " + quote + f.rule_id + quote;
  if (!f.rule_name.empty() && f.rule_name != f.rule_id) label += " (" + quote + f.rule_name + quote + ")";
  return label;
}

std::string cwe_uri(int cwe) { return "https://cwe.mitre.org/data/definitions/" + std::to_string(cwe) + ".html"; }

// "CWE-78 (Improper Neutralization ...)" or just "CWE-78" for ids without a name in the table.
std::string cwe_label(int cwe) {
  std::string label = "CWE-" + std::to_string(cwe);
  auto name = cwe_name(cwe);
  if (!name.empty()) label += " (" + std::string(name) + ")";
  return label;
}

// Facts gathered over every finding of one rule; different findings can carry different levels.
struct RuleFacts {
  const Finding* first = nullptr;
  Level level = Level::note;
  int severity_rank = 0;
  int confidence_rank = 0;
  std::optional<int> cwe;
  std::string help_uri;
};

void describe_pylint(SarifRule& rule, const RuleFacts& facts) {
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

void describe_bandit(SarifRule& rule, const RuleFacts& facts) {
  const Finding& f = *facts.first;
  auto blacklist_name = f.rule_name == "blacklist" ? bandit_blacklist_name(f.rule_id) : std::string_view();
  if (!blacklist_name.empty()) {
    rule.name = std::string(blacklist_name);
    bool is_import = util::starts_with(blacklist_name, "import_");
    rule.short_description = is_import ? "Blacklisted import: " + std::string(blacklist_name.substr(7))
                                       : "Blacklisted call: " + std::string(blacklist_name);
  } else {
    rule.short_description = f.rule_name.empty() ? "Bandit " + f.rule_id : sentence_from_symbol(f.rule_name);
  }
  std::string test = rule_label("Bandit test", f, false);
  std::string test_markdown = rule_label("Bandit test", f, true);
  if (facts.cwe) {
    rule.full_description = test + ": " + cwe_label(*facts.cwe) + ".";
    rule.help_markdown = test_markdown + ": [" + cwe_label(*facts.cwe) + "](" + cwe_uri(*facts.cwe) + ").";
  } else {
    rule.full_description = test + ": a possible security issue.";
    rule.help_markdown = test_markdown + ": a possible security issue.";
  }
  rule.help_text = rule.full_description;
  if (!rule.help_uri.empty()) {
    rule.help_text += " Documentation: " + rule.help_uri;
    rule.help_markdown += " See [the Bandit documentation](" + rule.help_uri + ").";
  }
  rule.tags.push_back("security");
  if (facts.cwe) rule.tags.push_back("external/cwe/cwe-" + std::to_string(*facts.cwe));
  // The highest severity and confidence any finding of the rule had: a rule's score is what its
  // worst instance deserves, as GitHub shows one score per rule.
  rule.security_severity = bandit_security_severity(facts.severity_rank);
  rule.precision = bandit_precision(facts.confidence_rank);
}

void describe_codegate(SarifRule& rule, const RuleFacts& facts) {
  const Finding& f = *facts.first;
  if (f.rule_id == "intent-mismatch") {
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
  } else if (f.rule_id == "missing-docstring") {
    rule.short_description = "Changed code has no docstring";
    rule.full_description =
        "A changed public function, class or module has no docstring, so the intent check cannot compare its code "
        "with a stated intention.";
    rule.help_text =
        "Add a docstring that says what the code is for. The structured fields Input Prompt, Intention and "
        "Functionality are recognised; any docstring works. Set intent.require_docstrings to none in .codegate.yml "
        "to turn this check off.";
    rule.help_markdown =
        "Add a docstring that says what the code is for. The structured fields *Input Prompt*, *Intention* and "
        "*Functionality* are recognised; any docstring works. Set `intent.require_docstrings: none` in "
        "`.codegate.yml` to turn this check off.";
    rule.tags = {"maintainability", "documentation"};
    rule.precision = "very-high";
  } else if (f.rule_id == "not-analysed") {
    rule.short_description = "Changed file too large to analyse";
    rule.full_description =
        "A changed Python file is larger than the size codegate hands to Pylint and Bandit, so neither looked at "
        "it. A file nobody checked cannot pass the gate: this result always fails it.";
    rule.help_text =
        "Split the file into smaller modules. If it is generated (vendored code, data), list it under exclude in "
        ".codegate.yml so the gate does not consider it.";
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

void describe_other(SarifRule& rule, const RuleFacts& facts) {
  const Finding& f = *facts.first;
  rule.short_description = f.rule_name.empty() ? f.tool + " " + f.rule_id : sentence_from_symbol(f.rule_name);
  rule.full_description = rule_label(f.tool + " rule", f, false) + ".";
  rule.help_text = rule.full_description;
  rule.help_markdown = rule_label(f.tool + " rule", f, true) + ".";
  if (!rule.help_uri.empty()) {
    rule.help_text += " Documentation: " + rule.help_uri;
    rule.help_markdown += " See [its documentation](" + rule.help_uri + ").";
  }
}

} // namespace

std::string sarif_rule_id(const Finding& finding) {
  return finding.tool == "codegate" ? qualified_rule(finding) : finding.rule_id;
}

std::vector<SarifRule> describe_rules(const std::vector<const Finding*>& findings) {
  std::map<std::string, RuleFacts> by_id; // sorted by id, which fixes every ruleIndex
  for (const Finding* f : findings) {
    RuleFacts& facts = by_id[sarif_rule_id(*f)];
    if (facts.first == nullptr) {
      facts.first = f;
      facts.level = f->level;
    }
    facts.level = std::max(facts.level, f->level);
    facts.severity_rank = std::max(facts.severity_rank, bandit_rank(f->tool_severity));
    facts.confidence_rank = std::max(facts.confidence_rank, bandit_rank(f->confidence));
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
    if (f.tool == "pylint") {
      describe_pylint(rule, facts);
    } else if (f.tool == "bandit") {
      describe_bandit(rule, facts);
    } else if (f.tool == "codegate") {
      describe_codegate(rule, facts);
    } else {
      describe_other(rule, facts);
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

std::string_view cwe_name(int cwe) {
  for (const auto& [id, name] : k_cwe_names)
    if (id == cwe) return name;
  return {};
}

std::string_view tool_information_uri(std::string_view tool) {
  if (tool == "pylint") return "https://pylint.readthedocs.io/";
  if (tool == "bandit") return "https://bandit.readthedocs.io/";
  return {};
}

} // namespace codegate
