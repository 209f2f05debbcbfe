#include "intent/verdict.h"

#include "core/name_table.h"

namespace codegate::intent {
namespace {

constexpr names::NameTable<Verdict, 4> k_verdicts{{{Verdict::consistent, "consistent"},
                                                   {Verdict::inconsistent, "inconsistent"},
                                                   {Verdict::unclear, "unclear"},
                                                   {Verdict::unchecked, "unchecked"}}};

} // namespace

std::string_view to_string(Verdict verdict) { return names::name_of(k_verdicts, verdict); }
std::optional<Verdict> parse_verdict_name(std::string_view text) { return names::value_of(k_verdicts, text); }

} // namespace codegate::intent
