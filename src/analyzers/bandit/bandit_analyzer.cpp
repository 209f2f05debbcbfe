#include "analyzers/bandit/bandit_analyzer.h"

#include <algorithm>
#include <utility>

#include "analyzers/bandit/bandit.h"
#include "analyzers/bandit/exclude_dirs.h"
#include "analyzers/bandit/fixed_scheme_urls.h"
#include "analyzers/bandit/nosec.h"
#include "analyzers/ruff_comment.h"
#include "analyzers/source_lines.h"
#include "util/strings.h"

namespace codegate {
namespace {

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

class BanditAnalyzer final : public Analyzer {
public:
  std::string_view name() const override { return k_bandit_tool; }
  bool enabled(const Config& config) const override { return config.bandit.enabled; }
  bool in_baseline() const override { return true; }

  // bandit.config, else pyproject.toml when it has a [tool.bandit] table: Bandit >= 1.7 reads it
  // from a .toml file given with -c; run_bandit leaves it out for an older Bandit, which would
  // parse it as YAML.
  std::optional<AnalyzerConfigFile> find_config_file(const git::Snapshot& source, const Config& config) const override {
    if (!config.bandit.config.empty()) return read_named_config_file(source, config.bandit.config, "bandit.config");
    auto pyproject = source.read("pyproject.toml");
    if (!pyproject || pyproject->find("[tool.bandit") == std::string::npos) return std::nullopt;
    return AnalyzerConfigFile{"pyproject.toml", *pyproject, source.describe() + ":pyproject.toml"};
  }

  roles::GlobSetting excluded_paths(const AnalyzerConfigFile& file) const override { return bandit_exclude_dirs(file); }

  // Bandit always checks every test: job.only_rules is not used.
  AnalyzerOutput run(const AnalyzerJob& job) const override {
    AnalyzerInput input{job.root, job.files,        job.config_file, job.config.bandit.args,
                        1,        job.tool_version, job.processes};
    return run_bandit(input, job.config.bandit);
  }

  // The `# nosec` (or flake8's and Ruff's `# noqa: S<nnn>`) on a finding's line, else a Ruff
  // comment naming the S rule that mirrors its test (`# ruff: ignore[suspicious-url-open-usage]`):
  // Bandit runs with --ignore-nosec.
  // B310 on a URL whose scheme is fixed to http(s) is left out, counted in a note
  // (analyzers/bandit/fixed_scheme_urls.h).
  void complete(std::vector<Finding>& findings, const AnalyzedTree& tree,
                std::vector<std::string>& notes) const override {
    leave_out_fixed_scheme_url_opens(findings, tree.fixed_scheme_urls, notes);
    auto owned = [](const Finding& f) { return f.tool == k_bandit_tool; };
    attach_line_suppressions(findings, tree.sources, owned, [](std::string_view line, const Finding& f) {
      auto comment = covering_nosec(line, f.rule_id, f.rule_name);
      return comment ? comment : covering_noqa(line, f.rule_id);
    });
    attach_ruff_suppressions(findings, tree.sources, owned, [this](const Finding& f) { return ruff_rule(f); });
  }

  const RuffRule* ruff_rule(const Finding& finding) const override { return ruff_rule_for_bandit(finding.rule_id); }

  // Bandit looks at one file at a time: a file's findings depend on its bytes alone.
  std::optional<CachePolicy> cache_policy(const AnalyzerJob& job) const override {
    return CachePolicy{"bandit",
                       {util::join(job.config.bandit.args, std::string(1, '\0')), ""},
                       false,
                       job.config.bandit.timeout_seconds};
  }

  bool meets_threshold(const Finding& finding, const Config& config) const override {
    return bandit_rank(finding.tool_severity) >= bandit_rank(config.bandit.severity) &&
           bandit_rank(finding.confidence) >= bandit_rank(config.bandit.confidence);
  }

  bool low_severity(const Finding& finding) const override { return bandit_rank(finding.tool_severity) == 1; }

  void describe_rule(SarifRule& rule, const RuleFacts& facts) const override {
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
    int severity_rank = 0, confidence_rank = 0;
    for (const Finding* finding : facts.findings) {
      severity_rank = std::max(severity_rank, bandit_rank(finding->tool_severity));
      confidence_rank = std::max(confidence_rank, bandit_rank(finding->confidence));
    }
    rule.security_severity = bandit_security_severity(severity_rank);
    rule.precision = bandit_precision(confidence_rank);
  }

  std::string_view information_uri() const override { return "https://bandit.readthedocs.io/"; }
  bool security() const override { return true; }
  std::optional<SastScanner> sast_scanner() const override {
    return SastScanner{"bandit", "Bandit", "https://github.com/PyCQA/bandit", "PyCQA"};
  }
  std::string sast_identifier_name(const Finding& finding) const override {
    return "Bandit Test ID " + finding.rule_id;
  }
};

} // namespace

const Analyzer& bandit_analyzer() {
  static const BanditAnalyzer analyzer;
  return analyzer;
}

} // namespace codegate
