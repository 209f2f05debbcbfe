#pragma once
// The gate's policies and choices as values, each with one table of names (core/name_table.h)
// that the command line, the configuration parser and the reports all use.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace codegate {

// Whether findings the base revision already had are told apart from new ones (filter/baseline.h).
enum class BaselineMode { none, base };

// What a `# nosec` / `# pylint: disable` in the source does: honour hides the finding; report
// honours it but lists the ones the change added; deny_new ignores the ones the change added.
enum class SuppressionPolicy { honour, report, deny_new };

// Where the refine loop's accepted revisions go (--fix MODE, refine.fix; refine/delivery.h).
enum class FixMode { none, patch, apply, commit, push, suggest };

// Which changed units must have a docstring (intent.require_docstrings): public ones, all, none.
enum class DocstringPolicy { public_units, all, none };

// Whether the intent check's mismatches fail the gate (intent.fail_on).
enum class IntentFailOn { inconsistent, never };

// What the intent prompt shows about a changed unit (intent.context): the unit alone, or also its
// version at the base when it existed there with the same docstring (the just-in-time setting).
enum class IntentContext { unit, unit_and_base };

// What a changed file is (roles/): product code (the default), test code, generated or vendored
// code, or a file the project excludes from its linters. Only product and test code is analysed.
enum class FileRole { product, test, typing, generated, vendored, excluded };

// The report `check` and `merge` print on standard output (--format).
enum class ReportFormat { text, json, sarif, markdown, rdjson };

// Which comments a run posts on a pull or merge request (--comment).
enum class CommentMode { none, summary, review, both };

// The LLM service the intent check and the refine loop ask (llm.provider).
enum class LlmProvider { openai, anthropic };

// Which findings get inline comments besides the failing ones (comment_level, --comment-level,
// a shard's JSON): those at this level or above that can fail; nullopt ("failing"): none.
using InlineLevel = std::optional<Level>;

std::string_view to_string(BaselineMode mode);
std::string_view to_string(FileRole role);
std::string_view to_string(SuppressionPolicy policy);
std::string_view to_string(FixMode mode);
std::string_view to_string(DocstringPolicy policy);
std::string_view to_string(IntentFailOn fail_on);
std::string_view to_string(IntentContext context);
std::string_view to_string(ReportFormat format);
std::string_view to_string(CommentMode mode);
std::string_view to_string(LlmProvider provider);
std::string_view inline_level_name(InlineLevel level); // "failing" for nullopt

std::optional<BaselineMode> parse_baseline_mode(std::string_view text);
std::optional<FileRole> parse_file_role(std::string_view text);
std::optional<SuppressionPolicy> parse_suppression_policy(std::string_view text);
std::optional<FixMode> parse_fix_mode(std::string_view text);
std::optional<DocstringPolicy> parse_docstring_policy(std::string_view text);
std::optional<IntentFailOn> parse_intent_fail_on(std::string_view text);
std::optional<IntentContext> parse_intent_context(std::string_view text);
std::optional<ReportFormat> parse_report_format(std::string_view text);
std::optional<CommentMode> parse_comment_mode(std::string_view text);
std::optional<LlmProvider> parse_llm_provider(std::string_view text);
std::optional<InlineLevel> parse_inline_level(std::string_view text);

// The names, in table order, for CLI11's IsMember and for error messages.
std::vector<std::string> baseline_mode_names();
std::vector<std::string> file_role_names();
std::vector<std::string> suppression_policy_names();
std::vector<std::string> fix_mode_names();
std::vector<std::string> docstring_policy_names();
std::vector<std::string> intent_fail_on_names();
std::vector<std::string> intent_context_names();
std::vector<std::string> report_format_names();
std::vector<std::string> comment_mode_names();
std::vector<std::string> llm_provider_names();
std::vector<std::string> inline_level_names(); // failing, error, warning, note
// fail_level, --fail-level: none (findings never fail), or a level at and above which any reported
// finding fails: none, note, warning, error.
std::vector<std::string> fail_level_names();

} // namespace codegate
