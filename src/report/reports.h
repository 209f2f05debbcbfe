#pragma once
// Every report renders a CheckResult; none of them decides anything.

#include <string>

#include "core/check_result.h"

namespace codegate {

// Terminal report grouped by file, with the offending line; ANSI colour only when `colour`.
std::string render_text(const CheckResult& result, bool colour);
// Every finding with its filter annotations, tools, notes and the missing-docstrings list.
std::string render_json(const CheckResult& result);
// SARIF 2.1.0 as GitHub code scanning reads it, inside the limits of its upload (report/sarif_limits.h).
std::string render_sarif(const CheckResult& result);
// A summary ready to post as a pull-request comment.
std::string render_markdown(const CheckResult& result);
// JUnit XML (Jenkins xUnit junit-10.xsd): a test case per checked file, a failure per failing finding.
std::string render_junit(const CheckResult& result);
// reviewdog's Diagnostic Format (rdjson): the reported findings as reviewdog diagnostics.
std::string render_rdjson(const CheckResult& result);

} // namespace codegate
