#include "eval/profile.h"

#include "core/name_table.h"

namespace codegate::eval {
namespace {

constexpr names::NameTable<EvalProfile, 2> k_profiles{{{EvalProfile::thesis, "thesis"}, {EvalProfile::gate, "gate"}}};
constexpr names::NameTable<PromptStyle, 2> k_styles{{{PromptStyle::plain, "plain"}, {PromptStyle::secure, "secure"}}};

} // namespace

std::string_view to_string(EvalProfile profile) { return names::name_of(k_profiles, profile); }
std::optional<EvalProfile> parse_eval_profile(std::string_view text) { return names::value_of(k_profiles, text); }
std::vector<std::string> eval_profile_names() { return names::names_of(k_profiles); }

std::string_view to_string(PromptStyle style) { return names::name_of(k_styles, style); }
std::optional<PromptStyle> parse_prompt_style(std::string_view text) { return names::value_of(k_styles, text); }
std::vector<std::string> prompt_style_names() { return names::names_of(k_styles); }

} // namespace codegate::eval
