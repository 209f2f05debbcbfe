#include "analyzers/rule_text.h"

#include <cctype>
#include <utility>

namespace codegate {
namespace {

// Names of the CWE ids the Bandit table (analyzers/bandit/cwe_table.cpp) can produce, from MITRE's list,
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

} // namespace

std::string sentence_from_symbol(std::string_view symbol) {
  std::string out(symbol);
  for (auto& c : out)
    if (c == '-' || c == '_') c = ' ';
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string rule_label(const std::string& prefix, const Finding& f, bool markdown) {
  std::string quote = markdown ? "`" : "";
  std::string label = prefix + " " + quote + f.rule_id + quote;
  if (!f.rule_name.empty() && f.rule_name != f.rule_id) label += " (" + quote + f.rule_name + quote + ")";
  return label;
}

std::string cwe_uri(int cwe) { return "https://cwe.mitre.org/data/definitions/" + std::to_string(cwe) + ".html"; }

std::string_view cwe_name(int cwe) {
  for (const auto& [id, name] : k_cwe_names)
    if (id == cwe) return name;
  return {};
}

std::string cwe_label(int cwe) {
  std::string label = "CWE-" + std::to_string(cwe);
  auto name = cwe_name(cwe);
  if (!name.empty()) label += " (" + std::string(name) + ")";
  return label;
}

void describe_generic_rule(SarifRule& rule, const RuleFacts& facts) {
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

} // namespace codegate
