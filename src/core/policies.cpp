#include "core/policies.h"

#include "core/name_table.h"

namespace codegate {
namespace {

using names::NameTable;

constexpr NameTable<BaselineMode, 2> k_baseline_modes = {{{BaselineMode::none, "none"}, {BaselineMode::base, "base"}}};
constexpr NameTable<SuppressionPolicy, 3> k_suppression_policies = {{{SuppressionPolicy::honour, "honour"},
                                                                     {SuppressionPolicy::report, "report"},
                                                                     {SuppressionPolicy::deny_new, "deny-new"}}};
constexpr NameTable<FixMode, 6> k_fix_modes = {{{FixMode::none, "none"},
                                                {FixMode::patch, "patch"},
                                                {FixMode::apply, "apply"},
                                                {FixMode::commit, "commit"},
                                                {FixMode::push, "push"},
                                                {FixMode::suggest, "suggest"}}};
constexpr NameTable<DocstringPolicy, 3> k_docstring_policies = {
    {{DocstringPolicy::public_units, "public"}, {DocstringPolicy::all, "all"}, {DocstringPolicy::none, "none"}}};
constexpr NameTable<IntentFailOn, 2> k_intent_fail_on = {
    {{IntentFailOn::inconsistent, "inconsistent"}, {IntentFailOn::never, "never"}}};
constexpr NameTable<IntentContext, 2> k_intent_contexts = {
    {{IntentContext::unit, "unit"}, {IntentContext::unit_and_base, "unit+base"}}};

constexpr NameTable<FileRole, 6> k_file_roles = {{{FileRole::product, "product"},
                                                  {FileRole::test, "test"},
                                                  {FileRole::typing, "typing"},
                                                  {FileRole::generated, "generated"},
                                                  {FileRole::vendored, "vendored"},
                                                  {FileRole::excluded, "excluded"}}};
constexpr NameTable<ReportFormat, 5> k_report_formats = {{{ReportFormat::text, "text"},
                                                          {ReportFormat::json, "json"},
                                                          {ReportFormat::sarif, "sarif"},
                                                          {ReportFormat::markdown, "markdown"},
                                                          {ReportFormat::rdjson, "rdjson"}}};

constexpr NameTable<CommentMode, 4> k_comment_modes = {{{CommentMode::none, "none"},
                                                        {CommentMode::summary, "summary"},
                                                        {CommentMode::review, "review"},
                                                        {CommentMode::both, "both"}}};
constexpr NameTable<LlmProvider, 2> k_llm_providers = {
    {{LlmProvider::openai, "openai"}, {LlmProvider::anthropic, "anthropic"}}};
constexpr NameTable<InlineLevel, 4> k_inline_levels = {
    {{std::nullopt, "failing"}, {Level::error, "error"}, {Level::warning, "warning"}, {Level::note, "note"}}};

} // namespace

std::string_view to_string(FileRole role) { return names::name_of(k_file_roles, role); }
std::optional<FileRole> parse_file_role(std::string_view text) { return names::value_of(k_file_roles, text); }
std::vector<std::string> file_role_names() { return names::names_of(k_file_roles); }
std::string_view to_string(BaselineMode mode) { return names::name_of(k_baseline_modes, mode); }
std::string_view to_string(SuppressionPolicy policy) { return names::name_of(k_suppression_policies, policy); }
std::string_view to_string(FixMode mode) { return names::name_of(k_fix_modes, mode); }
std::string_view to_string(DocstringPolicy policy) { return names::name_of(k_docstring_policies, policy); }
std::string_view to_string(IntentFailOn fail_on) { return names::name_of(k_intent_fail_on, fail_on); }
std::string_view to_string(IntentContext context) { return names::name_of(k_intent_contexts, context); }
std::string_view to_string(ReportFormat format) { return names::name_of(k_report_formats, format); }

std::optional<BaselineMode> parse_baseline_mode(std::string_view text) {
  return names::value_of(k_baseline_modes, text);
}
std::optional<SuppressionPolicy> parse_suppression_policy(std::string_view text) {
  return names::value_of(k_suppression_policies, text);
}
std::optional<FixMode> parse_fix_mode(std::string_view text) { return names::value_of(k_fix_modes, text); }
std::optional<DocstringPolicy> parse_docstring_policy(std::string_view text) {
  return names::value_of(k_docstring_policies, text);
}
std::optional<IntentFailOn> parse_intent_fail_on(std::string_view text) {
  return names::value_of(k_intent_fail_on, text);
}
std::optional<IntentContext> parse_intent_context(std::string_view text) {
  return names::value_of(k_intent_contexts, text);
}

std::vector<std::string> baseline_mode_names() { return names::names_of(k_baseline_modes); }
std::vector<std::string> suppression_policy_names() { return names::names_of(k_suppression_policies); }
std::vector<std::string> fix_mode_names() { return names::names_of(k_fix_modes); }
std::vector<std::string> docstring_policy_names() { return names::names_of(k_docstring_policies); }
std::vector<std::string> intent_fail_on_names() { return names::names_of(k_intent_fail_on); }
std::vector<std::string> intent_context_names() { return names::names_of(k_intent_contexts); }
std::optional<ReportFormat> parse_report_format(std::string_view text) {
  return names::value_of(k_report_formats, text);
}
std::vector<std::string> report_format_names() { return names::names_of(k_report_formats); }

std::string_view to_string(CommentMode mode) { return names::name_of(k_comment_modes, mode); }
std::optional<CommentMode> parse_comment_mode(std::string_view text) { return names::value_of(k_comment_modes, text); }
std::vector<std::string> comment_mode_names() { return names::names_of(k_comment_modes); }

std::string_view to_string(LlmProvider provider) { return names::name_of(k_llm_providers, provider); }
std::optional<LlmProvider> parse_llm_provider(std::string_view text) { return names::value_of(k_llm_providers, text); }
std::vector<std::string> llm_provider_names() { return names::names_of(k_llm_providers); }

std::string_view inline_level_name(InlineLevel level) { return names::name_of(k_inline_levels, level); }
std::optional<InlineLevel> parse_inline_level(std::string_view text) { return names::value_of(k_inline_levels, text); }
std::vector<std::string> inline_level_names() { return names::names_of(k_inline_levels); }

std::vector<std::string> fail_level_names() {
  std::vector<std::string> out = {"none"};
  for (Level level : {Level::note, Level::warning, Level::error}) out.emplace_back(to_string(level));
  return out;
}

} // namespace codegate
