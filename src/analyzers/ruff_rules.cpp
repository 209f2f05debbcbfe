#include "analyzers/ruff_rules.h"

#include <algorithm>

namespace codegate {
namespace {

// From Ruff's rule table, crates/ruff_linter/src/codes.rs of github.com/astral-sh/ruff at commit
// fca5c7cf2cd2f8338f18b9485f936b8e9f07bd0b (2026-08-22): every `(Flake8Bandit, "nnn")` (S<nnn>)
// and `(Pyflakes, "nnn")` (F<nnn>) entry. A rule's name is its violation struct's name in kebab
// case, as Ruff derives it (ruff_macros/src/kebab_case.rs, heck's ToKebabCase); Ruff's settings
// schema (ruff.schema.json) lists the same names but for S320 and S410, which Ruff has removed
// (removed_since 0.12.0 and 0.3.0) and whose codes it still knows. flake8-bandit's S<nnn> mirrors
// Bandit's B<nnn>.
// tests/unit/test_ruff_rules.cpp compares this table with tests/unit/data/ruff/codes_rs_excerpt.txt.
constexpr RuffRule k_rules[] = {
    {"S101", "assert", "B101"},
    {"S102", "exec-builtin", "B102"},
    {"S103", "bad-file-permissions", "B103"},
    {"S104", "hardcoded-bind-all-interfaces", "B104"},
    {"S105", "hardcoded-password-string", "B105"},
    {"S106", "hardcoded-password-func-arg", "B106"},
    {"S107", "hardcoded-password-default", "B107"},
    {"S108", "hardcoded-temp-file", "B108"},
    {"S110", "try-except-pass", "B110"},
    {"S112", "try-except-continue", "B112"},
    {"S113", "request-without-timeout", "B113"},
    {"S201", "flask-debug-true", "B201"},
    {"S202", "tarfile-unsafe-members", "B202"},
    {"S301", "suspicious-pickle-usage", "B301"},
    {"S302", "suspicious-marshal-usage", "B302"},
    {"S303", "suspicious-insecure-hash-usage", "B303"},
    {"S304", "suspicious-insecure-cipher-usage", "B304"},
    {"S305", "suspicious-insecure-cipher-mode-usage", "B305"},
    {"S306", "suspicious-mktemp-usage", "B306"},
    {"S307", "suspicious-eval-usage", "B307"},
    {"S308", "suspicious-mark-safe-usage", "B308"},
    {"S310", "suspicious-url-open-usage", "B310"},
    {"S311", "suspicious-non-cryptographic-random-usage", "B311"},
    {"S312", "suspicious-telnet-usage", "B312"},
    {"S313", "suspicious-xmlc-element-tree-usage", "B313"},
    {"S314", "suspicious-xml-element-tree-usage", "B314"},
    {"S315", "suspicious-xml-expat-reader-usage", "B315"},
    {"S316", "suspicious-xml-expat-builder-usage", "B316"},
    {"S317", "suspicious-xml-sax-usage", "B317"},
    {"S318", "suspicious-xml-mini-dom-usage", "B318"},
    {"S319", "suspicious-xml-pull-dom-usage", "B319"},
    {"S320", "suspicious-xmle-tree-usage", "B320"},
    {"S321", "suspicious-ftp-lib-usage", "B321"},
    {"S323", "suspicious-unverified-context-usage", "B323"},
    {"S324", "hashlib-insecure-hash-function", "B324"},
    {"S401", "suspicious-telnetlib-import", "B401"},
    {"S402", "suspicious-ftplib-import", "B402"},
    {"S403", "suspicious-pickle-import", "B403"},
    {"S404", "suspicious-subprocess-import", "B404"},
    {"S405", "suspicious-xml-etree-import", "B405"},
    {"S406", "suspicious-xml-sax-import", "B406"},
    {"S407", "suspicious-xml-expat-import", "B407"},
    {"S408", "suspicious-xml-minidom-import", "B408"},
    {"S409", "suspicious-xml-pulldom-import", "B409"},
    {"S410", "suspicious-lxml-import", "B410"},
    {"S411", "suspicious-xmlrpc-import", "B411"},
    {"S412", "suspicious-httpoxy-import", "B412"},
    {"S413", "suspicious-pycrypto-import", "B413"},
    {"S415", "suspicious-pyghmi-import", "B415"},
    {"S501", "request-with-no-cert-validation", "B501"},
    {"S502", "ssl-insecure-version", "B502"},
    {"S503", "ssl-with-bad-defaults", "B503"},
    {"S504", "ssl-with-no-version", "B504"},
    {"S505", "weak-cryptographic-key", "B505"},
    {"S506", "unsafe-yaml-load", "B506"},
    {"S507", "ssh-no-host-key-verification", "B507"},
    {"S508", "snmp-insecure-version", "B508"},
    {"S509", "snmp-weak-cryptography", "B509"},
    {"S601", "paramiko-call", "B601"},
    {"S602", "subprocess-popen-with-shell-equals-true", "B602"},
    {"S603", "subprocess-without-shell-equals-true", "B603"},
    {"S604", "call-with-shell-equals-true", "B604"},
    {"S605", "start-process-with-a-shell", "B605"},
    {"S606", "start-process-with-no-shell", "B606"},
    {"S607", "start-process-with-partial-path", "B607"},
    {"S608", "hardcoded-sql-expression", "B608"},
    {"S609", "unix-command-wildcard-injection", "B609"},
    {"S610", "django-extra", "B610"},
    {"S611", "django-raw-sql", "B611"},
    {"S612", "logging-config-insecure-listen", "B612"},
    {"S701", "jinja2-autoescape-false", "B701"},
    {"S702", "mako-templates", "B702"},
    {"S704", "unsafe-markup-use", "B704"},
    {"F401", "unused-import", ""},
    {"F402", "import-shadowed-by-loop-var", ""},
    {"F403", "undefined-local-with-import-star", ""},
    {"F404", "late-future-import", ""},
    {"F405", "undefined-local-with-import-star-usage", ""},
    {"F406", "undefined-local-with-nested-import-star-usage", ""},
    {"F407", "future-feature-not-defined", ""},
    {"F501", "percent-format-invalid-format", ""},
    {"F502", "percent-format-expected-mapping", ""},
    {"F503", "percent-format-expected-sequence", ""},
    {"F504", "percent-format-extra-named-arguments", ""},
    {"F505", "percent-format-missing-argument", ""},
    {"F506", "percent-format-mixed-positional-and-named", ""},
    {"F507", "percent-format-positional-count-mismatch", ""},
    {"F508", "percent-format-star-requires-sequence", ""},
    {"F509", "percent-format-unsupported-format-character", ""},
    {"F521", "string-dot-format-invalid-format", ""},
    {"F522", "string-dot-format-extra-named-arguments", ""},
    {"F523", "string-dot-format-extra-positional-arguments", ""},
    {"F524", "string-dot-format-missing-arguments", ""},
    {"F525", "string-dot-format-mixing-automatic", ""},
    {"F541", "f-string-missing-placeholders", ""},
    {"F601", "multi-value-repeated-key-literal", ""},
    {"F602", "multi-value-repeated-key-variable", ""},
    {"F621", "expressions-in-star-assignment", ""},
    {"F622", "multiple-starred-expressions", ""},
    {"F631", "assert-tuple", ""},
    {"F632", "is-literal", ""},
    {"F633", "invalid-print-syntax", ""},
    {"F634", "if-tuple", ""},
    {"F701", "break-outside-loop", ""},
    {"F702", "continue-outside-loop", ""},
    {"F704", "yield-outside-function", ""},
    {"F706", "return-outside-function", ""},
    {"F707", "default-except-not-last", ""},
    {"F722", "forward-annotation-syntax-error", ""},
    {"F811", "redefined-while-unused", ""},
    {"F821", "undefined-name", ""},
    {"F822", "undefined-export", ""},
    {"F823", "undefined-local", ""},
    {"F841", "unused-variable", ""},
    {"F842", "unused-annotation", ""},
    {"F901", "raise-not-implemented", ""},
};

} // namespace

std::span<const RuffRule> ruff_rules() { return k_rules; }

const RuffRule* ruff_rule_named(std::string_view word) {
  auto rule = std::find_if(std::begin(k_rules), std::end(k_rules),
                           [&](const RuffRule& r) { return r.code == word || r.name == word; });
  return rule == std::end(k_rules) ? nullptr : rule;
}

const RuffRule* ruff_rule_for_bandit(std::string_view test_id) {
  if (test_id.empty()) return nullptr;
  auto rule =
      std::find_if(std::begin(k_rules), std::end(k_rules), [&](const RuffRule& r) { return r.bandit == test_id; });
  return rule == std::end(k_rules) ? nullptr : rule;
}

} // namespace codegate
